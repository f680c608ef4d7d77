-- Every chain write is a row here before it is anything else (docs/marketplace.md, "Chain writes").
-- A row is signed (nonce, raw_tx, tx_hash) in the same statement that makes it 'sent', before it is
-- broadcast; after a restart the identical bytes are broadcast again, so nothing is lost or sent twice.
create table outbox (
    id              bigint      generated always as identity primary key,
    idempotency_key text        not null unique,
    kind            text        not null,
    signer_role     text        not null check (signer_role in ('admin', 'relayer', 'curator', 'account', 'provider')),
    signer_id       uuid,
    sender          text        not null check (sender ~ '^0x[0-9a-f]{40}$'),
    to_address      text        not null check (to_address ~ '^0x[0-9a-f]{40}$'),
    data            bytea       not null,
    value           numeric(78, 0) not null default 0 check (value >= 0),
    gas_limit       bigint      check (gas_limit > 0),
    after_id        bigint      references outbox (id),
    status          text        not null default 'queued' check (status in ('queued', 'sent', 'confirmed', 'failed')),
    nonce           bigint,
    raw_tx          bytea,
    tx_hash         bytea       check (octet_length(tx_hash) = 32),
    attempts        integer     not null default 0,
    last_error      text,
    revert_error    text,
    revert_reason   text,
    block_number    bigint,
    block_hash      bytea,
    gas_used        bigint,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    completed_at    timestamptz,
    check (status <> 'sent' or (nonce is not null and raw_tx is not null and tx_hash is not null)),
    check (status <> 'confirmed' or block_number is not null)
);

-- A nonce is used once per sender: the database refuses a second transaction with it.
create unique index outbox_sender_nonce on outbox (sender, nonce) where nonce is not null;
create index outbox_open on outbox (sender, id) where status in ('queued', 'sent');
create index outbox_tx_hash on outbox (tx_hash) where tx_hash is not null;
create index outbox_after on outbox (after_id) where after_id is not null;
