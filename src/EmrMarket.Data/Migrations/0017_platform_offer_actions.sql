-- Offer actions the platform takes itself, without a curator's request (revocation after listing pauses an offer and
-- lists its rebuilt dataset through the same OfferService path): no account.
alter table offer_actions alter column account_id drop not null;
