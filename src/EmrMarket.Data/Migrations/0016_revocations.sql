-- Revocation after listing (docs/marketplace.md): the dataset request's measurement codes, so a dataset can be rebuilt
-- from what was asked for; offers find their dataset by manifest hash (the chain's commitment, whoever listed it).
alter table datasets add column observation_codes text[] not null default '{}';
create index datasets_manifest_hash on datasets (manifest_hash);

-- One case per offer whose dataset holds a patient whose consent no longer covers the offer's purpose: opened by the
-- revocation worker, closed when the offer is replaced (done), given up (failed: it stays paused) or found delisted.
create table revocation_cases (
    offer_id         numeric(78, 0) primary key,
    dataset_id       uuid           not null references datasets (id),
    status           text           not null check (status in ('open', 'pausing', 'rebuilding', 'listing', 'done', 'failed', 'closed')),
    attempt          integer        not null default 1,
    pause_outbox_id  bigint         references outbox (id),
    new_dataset_id   uuid           references datasets (id),
    list_outbox_id   bigint         references outbox (id),
    new_offer_id     numeric(78, 0),
    failure          text,
    last_detected_at timestamptz    not null default now(),
    opened_at        timestamptz    not null default now(),
    updated_at       timestamptz    not null default now()
);
create index revocation_cases_open on revocation_cases (status) where status not in ('done', 'closed');

-- The compliance trail of every case: each step with what caused it (the consent event), the transaction, the rebuilt
-- dataset and the new offer, or why it failed. Append-only.
create table revocation_actions (
    id                bigint         generated always as identity primary key,
    offer_id          numeric(78, 0) not null references revocation_cases (offer_id),
    dataset_id        uuid           not null,
    step              text           not null,
    wallet            text,
    consent_block     bigint,
    consent_log_index integer,
    consent_tx        bytea,
    outbox_id         bigint,
    tx_hash           bytea,
    new_dataset_id    uuid,
    new_offer_id      numeric(78, 0),
    detail            text           not null default '',
    at                timestamptz    not null default now()
);
create index revocation_actions_offer on revocation_actions (offer_id, id);
create index revocation_actions_dataset on revocation_actions (dataset_id);
create index revocation_actions_new_dataset on revocation_actions (new_dataset_id) where new_dataset_id is not null;
create unique index revocation_actions_detected on revocation_actions (offer_id, wallet) where step = 'detected';

-- How far the worker has read the consent trail: changes in later blocks are checked against the listed offers.
create table revocation_checkpoint (
    id           smallint    primary key check (id = 1),
    block_number bigint      not null,
    updated_at   timestamptz not null default now()
);
