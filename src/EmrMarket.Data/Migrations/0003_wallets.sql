-- The address each account acts under on chain. Custodial keys are stored only sealed
-- (AES-256-GCM under the master key, address as associated data).
create table wallets (
    account_id   uuid        primary key references accounts (id) on delete cascade,
    address      text        not null unique check (address ~ '^0x[0-9a-f]{40}$'),
    kind         text        not null check (kind in ('custodial', 'external')),
    linked_at    timestamptz not null default now()
);

-- Custodial keys outlive a switch to an external wallet: past payouts went to that address.
create table custodial_keys (
    address      text        primary key check (address ~ '^0x[0-9a-f]{40}$'),
    account_id   uuid        not null references accounts (id) on delete cascade,
    sealed_key   bytea       not null,
    created_at   timestamptz not null default now()
);

create index custodial_keys_account on custodial_keys (account_id);

-- EIP-4361 nonces issued for linking an external wallet; each is good once, for a few minutes.
create table siwe_nonces (
    nonce        text        primary key,
    account_id   uuid        not null references accounts (id) on delete cascade,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
