using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Wallets;

namespace EmrMarket.Core.Demo;

/// <summary>
/// The demo's marketplace, through the same use cases as the pages: the demo patients consent (some until an expiry),
/// the curator builds and lists <see cref="Datasets"/>, the researcher buys the first with faucet dollars, and one
/// patient in it claims their payout. Each step looks at what exists first and waits for the chain (the outbox and the
/// indexer, so the chain workers must run), so a second run changes nothing.
/// </summary>
public sealed class DemoMarket(
    IAccountRepository accounts,
    IWalletRepository wallets,
    ConsentService consents,
    IConsentReadModel consentReadModel,
    DatasetBuilder builder,
    IDatasetStore datasets,
    OfferService offers,
    TestDollarFaucet faucet,
    PurchaseService purchases,
    PayoutService payouts,
    IOutbox outbox,
    IChainDeployment deployment)
{
    public const string SeededBy = "demo-seed";

    /// <summary>The demo's datasets: title, purpose and price in test dollars (6 decimals).</summary>
    public static IReadOnlyList<(string Title, Purpose Purpose, BigInteger Price)> Datasets { get; } =
    [
        ("Demo: HbA1c and glucose, all ages", Purpose.AcademicResearch, 25_000_000),
        ("Demo: public health cohort", Purpose.PublicHealth, 40_000_000),
    ];

    /// <summary>How long one step may wait for the chain before the seed gives up.</summary>
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The purposes demo patient <paramref name="n"/> (1-based) grants, and whether their consent expires.</summary>
    public static (Purpose Purposes, bool Expires) ConsentOf(int n) => (
        Purpose.AcademicResearch | Purpose.PublicHealth | (n % 3 == 0 ? Purpose.CommercialResearch : 0) | (n % 5 == 0 ? Purpose.AiTraining : 0),
        n % 4 == 0);

    /// <returns>How many things it changed.</returns>
    public async Task<int> SeedAsync(IReadOnlyList<Guid> patientAccounts, TextWriter log, CancellationToken cancellationToken)
    {
        if (await deployment.TryGetAsync(cancellationToken) is null)
        {
            await log.WriteLineAsync("marketplace: no contracts deployed (run emr deploy first); consents, offers and sales skipped");
            return 0;
        }
        var changed = await ConsentAsync(patientAccounts, log, cancellationToken);
        var curator = await StaffAsync(Roles.Curator, cancellationToken);
        var listed = new List<(DatasetRecord Dataset, BigInteger Price)>();
        foreach (var (title, purpose, price) in Datasets)
        {
            var (dataset, built) = await DatasetAsync(title, purpose, cancellationToken);
            if (dataset.OfferId is null && dataset.Status == "built")
            {
                await offers.ListAsync(curator, new ListingRequest(dataset.Id, price), cancellationToken);
                changed++;
            }
            var id = dataset.Id;
            dataset = (await UntilAsync(() => datasets.FindAsync(id, cancellationToken), d => d is { OfferId: not null, Status: "listed" },
                $"'{title}' listed", cancellationToken))!;
            await log.WriteLineAsync($"offer {dataset.OfferId}: '{title}' ({dataset.PatientCount} patients, {Purposes.Describe(purpose)}){(built ? ", built now" : "")}");
            changed += built ? 1 : 0;
            listed.Add((dataset, price));
        }
        changed += await BuyAsync(listed[0].Dataset.OfferId!.Value, listed[0].Price, log, cancellationToken);
        changed += await ClaimAsync(patientAccounts, log, cancellationToken);
        return changed;
    }

    private async Task<int> ConsentAsync(IReadOnlyList<Guid> patientAccounts, TextWriter log, CancellationToken cancellationToken)
    {
        var granted = 0;
        var expiry = DateTimeOffset.UtcNow.AddDays(180);
        for (var i = 0; i < patientAccounts.Count; i++)
        {
            var view = await consents.GetViewAsync(patientAccounts[i], cancellationToken);
            if (view.Current is not null || view.Pending is not null) continue;
            var (purposes, expires) = ConsentOf(i + 1);
            await consents.GrantAsync(patientAccounts[i], purposes, expires ? expiry : null, cancellationToken);
            granted++;
        }
        foreach (var account in patientAccounts)
        {
            var wallet = (await wallets.FindByAccountAsync(account, cancellationToken))!.Address;
            await UntilAsync(() => consentReadModel.CurrentAsync(wallet, cancellationToken), c => c is not null, $"the consent of {wallet} on chain", cancellationToken);
        }
        await log.WriteLineAsync($"consents: {granted} granted now, {patientAccounts.Count - granted} already on chain");
        return granted;
    }

    private async Task<(DatasetRecord Dataset, bool Built)> DatasetAsync(string title, Purpose purpose, CancellationToken cancellationToken)
    {
        var existing = (await datasets.ListAsync(cancellationToken)).FirstOrDefault(d => d.Title == title && d.CreatedBy == SeededBy);
        if (existing is not null) return (existing, false);
        var request = new DatasetRequest(title, $"Demo patients of General Hospital who consent to {Purposes.Describe(purpose)}", new CohortDefinition(),
            (ulong)purpose, new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, SuppressionLimit = 0.5 }, ["4548-4", "2339-0"], SeededBy);
        return ((await builder.BuildAsync(request, cancellationToken)).Dataset, true);
    }

    private async Task<int> BuyAsync(ulong offerId, BigInteger price, TextWriter log, CancellationToken cancellationToken)
    {
        var researcher = await StaffAsync(Roles.Researcher, cancellationToken);
        var bought = (await purchases.ForAccountAsync(researcher, cancellationToken)).FirstOrDefault(p => p.OfferId == offerId && p.Status != PurchaseStatus.Failed);
        var changed = 0;
        if (bought is null)
        {
            var mint = await faucet.MintAsync(researcher, 100m, SeededBy, cancellationToken);
            await ConfirmedAsync(mint, "the researcher's test dollars", cancellationToken);
            bought = await purchases.PurchaseAsync(offerId, researcher, new PurchaseAcceptance(price, DataUseTerms.Current.Version), cancellationToken);
            changed = 1;
        }
        var view = await UntilAsync(() => purchases.GetAsync(bought.Id, cancellationToken), p => p!.Licence is not null || p.Status == PurchaseStatus.Failed,
            $"purchase {bought.Id} of offer {offerId}", cancellationToken);
        if (view!.Licence is null) throw new InvalidOperationException($"the demo purchase of offer {offerId} failed: {view.Write?.Error}");
        await log.WriteLineAsync($"licence: the demo researcher holds offer {offerId}{(changed == 1 ? " (bought now)" : "")}");
        return changed;
    }

    private async Task<int> ClaimAsync(IReadOnlyList<Guid> patientAccounts, TextWriter log, CancellationToken cancellationToken)
    {
        for (var i = 0; i < patientAccounts.Count; i++)
        {
            if ((await payouts.ClaimsAsync(patientAccounts[i], 1, cancellationToken)).Count > 0)
            {
                await log.WriteLineAsync($"payouts: {DemoSeeder.PatientEmail(i + 1)} has claimed already");
                return 0;
            }
        }
        for (var i = 0; i < patientAccounts.Count; i++)
        {
            var earnings = await payouts.EarningsAsync(patientAccounts[i], cancellationToken);
            if (!earnings.Items.Any(e => e.Claimable > 0)) continue;
            var claim = await payouts.ClaimAllAsync(patientAccounts[i], cancellationToken);
            await ConfirmedAsync(claim.Write.OutboxId, $"the payout claim of {DemoSeeder.PatientEmail(i + 1)}", cancellationToken);
            var account = patientAccounts[i];
            await UntilAsync(() => payouts.ClaimsAsync(account, 1, cancellationToken), c => c.Count > 0 && c[0].Indexed,
                $"the payout claim of {DemoSeeder.PatientEmail(i + 1)} indexed", cancellationToken);
            await log.WriteLineAsync($"payouts: {DemoSeeder.PatientEmail(i + 1)} claimed {string.Join(", ", claim.Items.Select(c => $"{c.Amount} units of offer {c.OfferId}"))}");
            return 1;
        }
        throw new InvalidOperationException("no demo patient has a payout to claim: the demo purchase did not reach the pool");
    }

    private async Task<Guid> StaffAsync(string role, CancellationToken cancellationToken) =>
        (await accounts.FindByEmailAsync(DemoAccounts.Staff.Single(s => s.Role == role).Email, cancellationToken))!.Id;

    private async Task ConfirmedAsync(long outboxId, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ChainTimeout);
        OutboxEntry entry;
        try
        {
            entry = await outbox.WaitAsync(outboxId, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what}: outbox row {outboxId} was not sent within {ChainTimeout}; are the chain workers running?");
        }
        if (entry.Status != OutboxStatus.Confirmed)
            throw new InvalidOperationException($"{what}: outbox row {outboxId} {entry.Status}: {entry.RevertReason ?? entry.LastError}");
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ChainTimeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"waited {ChainTimeout} for {what}; are the chain workers (outbox, indexer, market) running?");
            await Task.Delay(200, cancellationToken);
        }
    }
}
