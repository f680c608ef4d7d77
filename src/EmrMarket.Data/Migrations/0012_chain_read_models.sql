-- Read models of the contracts' events (contracts/README.md, "Events"), written only by the chain indexer.
-- Every row carries the block, its time, the transaction and the log index it came from, so rewinding after a
-- reorganisation is a delete of the rows at or after the fork block, and all of it can be rebuilt from the chain.
-- uint256 amounts are numeric(78,0); uint64 values a caller chooses (expiries, signed nonces) numeric(20,0).

-- Where the indexer is: the last block it has read completely, and which deployment it follows.
create table chain_cursor (
    id             smallint    primary key check (id = 1),
    deployment_key text        not null,
    block_number   bigint      not null,
    block_hash     bytea       not null,
    updated_at     timestamptz not null default now()
);

-- Hashes and times of the blocks the indexer read (those with events and each range's last block):
-- what reorganisations are detected against.
create table chain_blocks (
    block_number bigint      primary key,
    block_hash   bytea       not null,
    block_time   timestamptz not null
);

-- ConsentRegistry.ConsentChanged: the consent trail.
create table chain_consent_history (
    block_number bigint         not null,
    log_index    integer        not null,
    block_time   timestamptz    not null,
    tx_hash      bytea          not null,
    patient      text           not null,
    submitter    text           not null,
    purposes     bigint         not null,
    expiry       numeric(20, 0) not null,
    version      bigint         not null,
    updated_at   numeric(20, 0) not null,
    primary key (block_number, log_index)
);
create index chain_consent_history_patient on chain_consent_history (patient, block_number desc, log_index desc);

-- The latest ConsentChanged of each patient.
create table chain_consents (
    patient      text           primary key,
    purposes     bigint         not null,
    expiry       numeric(20, 0) not null,
    version      bigint         not null,
    updated_at   numeric(20, 0) not null,
    submitter    text           not null,
    block_number bigint         not null,
    log_index    integer        not null,
    block_time   timestamptz    not null,
    tx_hash      bytea          not null
);
create index chain_consents_block on chain_consents (block_number);

-- ConsentRegistry.ConsentSkipped: signed consents a batch did not apply, and why.
create table chain_consent_skips (
    block_number bigint         not null,
    log_index    integer        not null,
    block_time   timestamptz    not null,
    tx_hash      bytea          not null,
    patient      text           not null,
    batch_index  bigint         not null,
    nonce        numeric(20, 0) not null,
    reason       smallint       not null,
    primary key (block_number, log_index)
);
create index chain_consent_skips_patient on chain_consent_skips (patient);

-- RecordAnchor.BatchAnchored.
create table chain_anchors (
    root         bytea       primary key,
    provider     text        not null,
    record_count bigint      not null,
    anchored_at  bigint      not null,
    block_number bigint      not null,
    log_index    integer     not null,
    block_time   timestamptz not null,
    tx_hash      bytea       not null
);
create index chain_anchors_block on chain_anchors (block_number);

-- DataMarketplace offers: listing, price and status changes (the offer history).
create table chain_offer_events (
    block_number      bigint         not null,
    log_index         integer        not null,
    block_time        timestamptz    not null,
    tx_hash           bytea          not null,
    offer_id          numeric(78, 0) not null,
    kind              text           not null check (kind in ('listed', 'price', 'status')),
    curator           text           not null,
    price             numeric(78, 0),
    status            smallint,
    primary key (block_number, log_index)
);
create index chain_offer_events_offer on chain_offer_events (offer_id, block_number, log_index);

-- Each offer as it stands: its terms from OfferListed, and price, status and sales derived from the events.
create table chain_offers (
    offer_id          numeric(78, 0) primary key,
    curator           text           not null,
    replaces_offer_id numeric(78, 0) not null,
    manifest_hash     bytea          not null,
    rows_root         bytea          not null,
    payout_root       bytea          not null,
    total_weight      numeric(78, 0) not null,
    purpose           bigint         not null,
    token             text           not null,
    listed_price      numeric(78, 0) not null,
    licence_cap       bigint         not null,
    end_time          bigint         not null,
    price             numeric(78, 0) not null,
    status            smallint       not null,
    licences_sold     bigint         not null,
    pool_total        numeric(78, 0) not null,
    claimed_total     numeric(78, 0) not null,
    updated_block     bigint         not null,
    block_number      bigint         not null,
    log_index         integer        not null,
    block_time        timestamptz    not null,
    tx_hash           bytea          not null
);
create index chain_offers_block on chain_offers (block_number);

-- DataMarketplace.Purchased.
create table chain_purchases (
    block_number   bigint         not null,
    log_index      integer        not null,
    block_time     timestamptz    not null,
    tx_hash        bytea          not null,
    offer_id       numeric(78, 0) not null,
    buyer          text           not null,
    agreement_hash bytea          not null,
    price          numeric(78, 0) not null,
    fee            numeric(78, 0) not null,
    licence_number bigint         not null,
    primary key (block_number, log_index)
);
create index chain_purchases_offer on chain_purchases (offer_id);
create index chain_purchases_buyer on chain_purchases (buyer);

-- DataMarketplace.Claimed.
create table chain_claims (
    block_number  bigint         not null,
    log_index     integer        not null,
    block_time    timestamptz    not null,
    tx_hash       bytea          not null,
    offer_id      numeric(78, 0) not null,
    patient       text           not null,
    amount        numeric(78, 0) not null,
    total_claimed numeric(78, 0) not null,
    primary key (block_number, log_index)
);
create index chain_claims_offer on chain_claims (offer_id);
create index chain_claims_patient on chain_claims (patient);

-- DataLicense ERC-1155 TransferSingle / TransferBatch, one row per (log, item).
create table chain_licence_transfers (
    block_number bigint         not null,
    log_index    integer        not null,
    item         integer        not null,
    block_time   timestamptz    not null,
    tx_hash      bytea          not null,
    operator     text           not null,
    from_address text           not null,
    to_address   text           not null,
    offer_id     numeric(78, 0) not null,
    amount       numeric(78, 0) not null,
    primary key (block_number, log_index, item)
);
create index chain_licence_transfers_offer on chain_licence_transfers (offer_id);

-- Licence balances derived from the transfers (the zero address, which mints, is not a holder).
create table chain_licences (
    offer_id      numeric(78, 0) not null,
    holder        text           not null,
    balance       numeric(78, 0) not null,
    updated_block bigint         not null,
    primary key (offer_id, holder)
);
create index chain_licences_holder on chain_licences (holder);
