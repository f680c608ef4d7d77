-- Every download of a package (each HTTP request, ranges included): who, under which wallet and licence.
create table downloads (
    id          bigint      generated always as identity primary key,
    dataset_id  uuid        not null references datasets (id),
    offer_id    bigint      not null,
    account_id  uuid        not null references accounts (id),
    wallet      text        not null,
    range_start bigint,
    range_end   bigint,
    at          timestamptz not null default now()
);

create index downloads_dataset on downloads (dataset_id, at);
create index downloads_account on downloads (account_id, at);
