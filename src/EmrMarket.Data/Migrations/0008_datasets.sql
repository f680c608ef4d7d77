-- Datasets built from consenting patients' records: the commitments that go on chain, where the package is,
-- who is in it (for revocation) and the payout leaves (for patients' claim proofs).
create table datasets (
    id                  uuid        primary key,
    title               text        not null,
    description         text        not null,
    purposes            bigint      not null,
    cohort              jsonb       not null,
    policy              jsonb       not null,
    privacy             jsonb       not null,
    consent_block       bigint      not null,
    status              text        not null default 'built'
                        check (status in ('built', 'listing', 'listed', 'paused', 'delisted', 'superseded')),
    patient_count       integer     not null,
    row_count           bigint      not null,
    manifest_hash       bytea       not null check (octet_length(manifest_hash) = 32),
    rows_root           bytea       not null check (octet_length(rows_root) = 32),
    payout_root         bytea       not null check (octet_length(payout_root) = 32),
    total_weight        numeric(78) not null,
    package_path        text        not null,
    package_bytes       bigint      not null,
    replaces_dataset_id uuid        references datasets (id),
    offer_id            bigint      unique,
    created_by          text        not null,
    created_at          timestamptz not null default now()
);

create table dataset_patients (
    dataset_id uuid not null references datasets (id) on delete cascade,
    patient_id uuid not null,
    wallet     text not null,
    primary key (dataset_id, patient_id)
);

create index dataset_patients_wallet on dataset_patients (wallet);

create table dataset_payouts (
    dataset_id uuid        not null references datasets (id) on delete cascade,
    leaf_index integer     not null,
    wallet     text        not null,
    weight     numeric(78) not null check (weight > 0),
    primary key (dataset_id, leaf_index),
    unique (dataset_id, wallet)
);

create index dataset_payouts_wallet on dataset_payouts (wallet);
