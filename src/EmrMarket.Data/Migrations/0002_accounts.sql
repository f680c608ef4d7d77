-- People who sign in. Roles are the names in EmrMarket.Core.Accounts.Roles.
create table accounts (
    id               uuid        primary key,
    email            text        not null,
    display_name     text        not null,
    roles            text[]      not null check (cardinality(roles) > 0),
    password_hash    text        not null,
    security_stamp   text        not null,
    failed_sign_ins  integer     not null default 0,
    locked_until     timestamptz,
    last_sign_in_at  timestamptz,
    created_at       timestamptz not null default now()
);

create unique index accounts_email on accounts (email);
