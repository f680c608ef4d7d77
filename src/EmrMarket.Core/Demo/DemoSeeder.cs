using EmrMarket.Core.Accounts;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Providers;
using EmrMarket.Core.Wallets;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Core.Demo;

/// <summary>
/// Builds the local demo: staff accounts, a hospital with generated patients, patient accounts with wallets, and (once
/// the contracts are deployed) a marketplace with content for every role (<see cref="DemoMarket"/>). Every step checks
/// what exists first, so running it again changes nothing, and says so.
/// </summary>
public sealed class DemoSeeder(
    AccountService accounts,
    IAccountRepository accountRepository,
    WalletService wallets,
    IWalletRepository walletRepository,
    IIngestStore ingestStore,
    IngestService ingest,
    IPatientDirectory patients,
    IProviderMembers members,
    DemoMarket market)
{
    public const string ProviderCode = "general-hospital";
    public const string ProviderName = "General Hospital";
    public const int PatientCount = 300;
    /// <summary>Demo patients with accounts (patient1 … patient24): enough for k-anonymous demo datasets of consenting patients.</summary>
    public const int PatientAccounts = 24;

    public static string PatientEmail(int n) => $"patient{n}@demo.emrmarket.test";

    public async Task<string> SeedAsync(string workFolder, TextWriter log, CancellationToken cancellationToken)
    {
        var created = await DemoAccounts.EnsureStaffAsync(accounts, accountRepository, cancellationToken);
        await log.WriteLineAsync($"staff accounts: {created} created");
        var changed = created;

        if (await ingestStore.FindProviderAsync(ProviderCode, cancellationToken) is null)
            await ingestStore.CreateProviderAsync(ProviderCode, ProviderName, cancellationToken);
        var provider = await accountRepository.FindByEmailAsync(DemoAccounts.Staff.Single(s => s.Role == Roles.Provider).Email, cancellationToken);
        await members.AddAsync(provider!.Id, ProviderCode, cancellationToken);

        var folder = Path.Combine(workFolder, "synthetic");
        if (!Directory.Exists(folder))
            await SyntheticGenerator.WriteAsync(folder, new SyntheticOptions { Seed = 2026, Patients = PatientCount, Format = FhirFormat.Bundle }, cancellationToken);
        var sources = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => IngestSource.FromFile(f, FhirFormat.Bundle)).ToList();
        var summary = await ingest.IngestAsync(new IngestRequest(ProviderCode, "demo-seed", sources), cancellationToken);
        await log.WriteLineAsync($"records: {summary.Accepted} bundles accepted, {summary.Unchanged} unchanged, {summary.Rejected} rejected");
        changed += summary.Accepted;

        var patientIds = await patients.ListPatientsAsync(ProviderCode, PatientAccounts, cancellationToken);
        var patientAccounts = new List<Guid>();
        var registered = 0;
        for (var i = 0; i < patientIds.Count; i++)
        {
            var email = PatientEmail(i + 1);
            var account = await accountRepository.FindByEmailAsync(email, cancellationToken);
            if (account is null)
            {
                account = await accounts.RegisterAsync(email, $"Demo patient {i + 1}", DemoAccounts.Password, [Roles.Patient], cancellationToken);
                registered++;
            }
            await patients.LinkAsync(patientIds[i], account.Id, cancellationToken);
            changed += await WalletAsync(account.Id, cancellationToken);
            patientAccounts.Add(account.Id);
        }
        var researcher = await accountRepository.FindByEmailAsync(DemoAccounts.Staff.Single(s => s.Role == Roles.Researcher).Email, cancellationToken);
        changed += registered + await WalletAsync(researcher!.Id, cancellationToken);
        await log.WriteLineAsync($"patient accounts: {patientIds.Count} ({PatientEmail(1)} … {PatientEmail(patientIds.Count)}), {registered} created, each with a custodial wallet");

        changed += await market.SeedAsync(patientAccounts, log, cancellationToken);
        return changed == 0 ? "demo already seeded: nothing changed" : $"demo ready ({changed} changes)";
    }

    private async Task<int> WalletAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (await walletRepository.FindByAccountAsync(accountId, cancellationToken) is not null) return 0;
        await wallets.EnsureCustodialWalletAsync(accountId, cancellationToken);
        return 1;
    }
}
