-- Data keys: one random AES-256 key per patient (and one per provider for records about no patient), stored
-- only wrapped (AES-256-GCM) under a master key from configuration. master_key_id names which master key, so
-- `emr rotate-keys` can re-wrap them under a new one without touching any ciphertext.
create table data_keys (
    id            uuid        primary key,
    master_key_id text        not null,
    wrapped       bytea       not null,
    created_at    timestamptz not null default now(),
    rewrapped_at  timestamptz
);

create index data_keys_master_key on data_keys (master_key_id);

-- Hospitals and clinics that upload records.
create table providers (
    id          uuid        primary key,
    code        text        not null unique,
    name        text        not null,
    data_key_id uuid        not null references data_keys (id),
    created_at  timestamptz not null default now()
);
