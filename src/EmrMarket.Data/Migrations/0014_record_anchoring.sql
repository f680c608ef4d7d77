-- Each provider's anchoring key, sealed like a custodial wallet key (AES-256-GCM, address as associated data).
create table provider_keys (
    provider_id uuid        primary key references providers (id),
    address     text        not null unique check (address ~ '^0x[0-9a-f]{40}$'),
    sealed_key  bytea       not null,
    created_at  timestamptz not null default now()
);

-- The anchor of each ingest batch on its way to the chain: its Merkle root and the outbox row that anchors it.
create table batch_anchors (
    batch_id     uuid        primary key references ingest_batches (id),
    provider_id  uuid        not null references providers (id),
    merkle_root  bytea       not null check (octet_length(merkle_root) = 32),
    record_count integer     not null,
    outbox_id    bigint      not null references outbox (id),
    created_at   timestamptz not null default now()
);
create index batch_anchors_outbox on batch_anchors (outbox_id);
