-- One row per patient per provider, keyed by the id the provider's system gives the Patient resource.
-- Quasi-identifiers coarse enough for cohort building are in the clear (birth year, ZIP3, state); direct
-- identifiers (HIPAA 164.514(b)(2)) only as AES-256-GCM ciphertext under the patient's data key (*_enc).
create table patients (
    id                uuid        primary key,
    provider_id       uuid        not null references providers (id),
    source_id         text        not null,
    data_key_id       uuid        not null references data_keys (id),
    gender            text,
    birth_year        integer,
    birth_sex         text,
    race_code         text,
    race_display      text,
    ethnicity_code    text,
    ethnicity_display text,
    deceased          boolean,
    deceased_year     integer,
    marital_status    text,
    language          text,
    state             text,
    zip3              text,
    names_enc         bytea       not null,
    addresses_enc     bytea       not null,
    telecom_enc       bytea       not null,
    identifiers_enc   bytea       not null,
    birth_date_enc    bytea,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (provider_id, source_id)
);

-- An upload's new and changed records: one Merkle tree, one anchor transaction.
create table ingest_batches (
    id             uuid        primary key,
    provider_id    uuid        not null references providers (id),
    status         text        not null default 'open' check (status in ('open', 'closed')),
    record_count   integer     not null default 0,
    created_at     timestamptz not null default now(),
    closed_at      timestamptz,
    merkle_root    bytea       check (octet_length(merkle_root) = 32),
    anchor_status  text        not null default 'pending' check (anchor_status in ('pending', 'sent', 'confirmed', 'failed')),
    anchor_tx_hash bytea       check (octet_length(anchor_tx_hash) = 32),
    anchor_block   bigint,
    anchored_at    timestamptz
);

create index ingest_batches_pending on ingest_batches (created_at) where status = 'closed' and anchor_status <> 'confirmed';

-- Every version of every resource: its content hash (SHA-256 of the canonical JSON, docs/fhir.md), its place
-- in its batch's Merkle tree (leaf_index), and the canonical JSON itself, encrypted under the owner's data key
-- (the patient's, or the provider's for resources about no patient). Only the current version is in the typed
-- tables; older versions stay here so the trees they were anchored in can still be proven.
-- The bulk tables (this one and those of 0006) carry no foreign keys: per-row RI triggers made COPY about 40%
-- slower, and their only writer (Data/Ingest/IngestSession) sets patient_id and batch_id itself.
create table records (
    id            uuid        primary key,
    provider_id   uuid        not null references providers (id),
    patient_id    uuid,
    resource_type text        not null,
    source_id     text        not null,
    version       integer     not null,
    current       boolean     not null,
    content_hash  bytea       not null check (octet_length(content_hash) = 32),
    batch_id      uuid        not null,
    leaf_index    integer     not null,
    payload_enc   bytea       not null,
    ingested_at   timestamptz not null default now(),
    superseded_at timestamptz
);

create unique index records_current on records (provider_id, resource_type, source_id) where current;
create unique index records_leaf on records (batch_id, leaf_index);
create index records_patient on records (patient_id);
