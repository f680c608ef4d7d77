-- The marketplace's own records beside the chain's read models (docs/marketplace.md, "Listing, purchase, payout"):
-- what curators asked the marketplace contract to do, the data use agreements researchers signed, their purchases,
-- and patients' payout claims. Each points at the outbox row that carries it to the chain; its status is that
-- row's, and once indexed the chain's.

create table offer_actions (
    id         bigint         generated always as identity primary key,
    dataset_id uuid           not null references datasets (id),
    offer_id   bigint,
    kind       text           not null check (kind in ('list', 'reprice', 'pause', 'unpause', 'delist')),
    price      numeric(78, 0) check (price > 0),
    outbox_id  bigint         not null unique references outbox (id),
    account_id uuid           not null references accounts (id),
    created_at timestamptz    not null default now(),
    check ((kind = 'list') = (offer_id is null))
);
create index offer_actions_dataset on offer_actions (dataset_id, id desc);

-- The signed EIP-712 DataUseAgreement; digest is what Purchased.agreementHash records on chain.
create table data_use_agreements (
    id            bigint         generated always as identity primary key,
    digest        bytea          not null unique check (octet_length(digest) = 32),
    account_id    uuid           not null references accounts (id),
    offer_id      bigint         not null,
    buyer         text           not null check (buyer ~ '^0x[0-9a-f]{40}$'),
    manifest_hash bytea          not null check (octet_length(manifest_hash) = 32),
    purpose       bigint         not null,
    token         text           not null check (token ~ '^0x[0-9a-f]{40}$'),
    price         numeric(78, 0) not null check (price > 0),
    terms_version text           not null,
    terms_hash    bytea          not null check (octet_length(terms_hash) = 32),
    signed_at     bigint         not null,
    signature     bytea          not null check (octet_length(signature) = 65),
    from_wallet   boolean        not null,
    created_at    timestamptz    not null default now()
);
create index data_use_agreements_account on data_use_agreements (account_id, id desc);

-- A purchase: the purchaseWithPermit call signed for it, and (custodial wallets) the outbox row that sends it.
create table purchases (
    id              bigint         generated always as identity primary key,
    agreement_id    bigint         not null unique references data_use_agreements (id),
    account_id      uuid           not null references accounts (id),
    offer_id        bigint         not null,
    buyer           text           not null,
    token           text           not null,
    max_price       numeric(78, 0) not null,
    permit_nonce    numeric(78, 0) not null,
    permit_deadline numeric(78, 0) not null,
    call_data       bytea          not null,
    from_wallet     boolean        not null,
    outbox_id       bigint         unique references outbox (id),
    created_at      timestamptz    not null default now()
);
create index purchases_account on purchases (account_id, id desc);
create index purchases_buyer on purchases (buyer, token);
create index purchases_unsent on purchases (id) where outbox_id is null and not from_wallet;

create index chain_purchases_agreement on chain_purchases (agreement_hash);
create index chain_offers_manifest on chain_offers (manifest_hash);
create index chain_claims_offer_patient on chain_claims (offer_id, patient);
create index chain_claims_tx on chain_claims (tx_hash);
create index chain_offer_events_tx on chain_offer_events (tx_hash);

-- A patient's claim: the offers it named with the entitlement each proved and the amount it was to pay.
create table payout_claims (
    id         bigint      generated always as identity primary key,
    account_id uuid        not null references accounts (id),
    patient    text        not null check (patient ~ '^0x[0-9a-f]{40}$'),
    outbox_id  bigint      not null unique references outbox (id),
    items      jsonb       not null,
    created_at timestamptz not null default now()
);
create index payout_claims_account on payout_claims (account_id, id desc);
