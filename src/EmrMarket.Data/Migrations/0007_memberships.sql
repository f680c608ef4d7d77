-- Who may act for a provider (upload its records), and which patient records belong to which patient
-- account (one person may have records at several providers).
create table provider_members (
    account_id  uuid not null references accounts (id) on delete cascade,
    provider_id uuid not null references providers (id),
    primary key (account_id, provider_id)
);

create table patient_accounts (
    patient_id uuid primary key references patients (id),
    account_id uuid not null references accounts (id) on delete cascade,
    linked_at  timestamptz not null default now()
);

create index patient_accounts_account on patient_accounts (account_id);
