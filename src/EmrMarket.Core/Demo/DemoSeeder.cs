using EmrMarket.Core.Accounts;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Providers;
using EmrMarket.Core.Wallets;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Core.Demo;

/// <summary>
/// Builds the local demo: staff accounts, a hospital with generated patients, patient accounts with wallets.
/// Every step checks what exists first, so running it again changes nothing.
/// </summary>
public sealed class DemoSeeder(
    AccountService accounts,
    IAccountRepository accountRepository,
    WalletService wallets,
    IIngestStore ingestStore,
    IngestService ingest,
    IPatientDirectory patients,
    IProviderMembers members)
{
    public const string ProviderCode = "general-hospital";
    public const string ProviderName = "General Hospital";
    public const int PatientCount = 300;
    public const int PatientAccounts = 3;

    public static string PatientEmail(int n) => $"patient{n}@demo.emrmarket.test";

    public async Task<string> SeedAsync(string workFolder, TextWriter log, CancellationToken cancellationToken)
    {
        var created = await DemoAccounts.EnsureStaffAsync(accounts, accountRepository, cancellationToken);
        await log.WriteLineAsync($"staff accounts: {created} created");

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

        var patientIds = await patients.ListPatientsAsync(ProviderCode, PatientAccounts, cancellationToken);
        for (var i = 0; i < patientIds.Count; i++)
        {
            var email = PatientEmail(i + 1);
            var account = await accountRepository.FindByEmailAsync(email, cancellationToken)
                ?? await accounts.RegisterAsync(email, $"Demo patient {i + 1}", DemoAccounts.Password, [Roles.Patient], cancellationToken);
            await patients.LinkAsync(patientIds[i], account.Id, cancellationToken);
            await wallets.EnsureCustodialWalletAsync(account.Id, cancellationToken);
        }
        var researcher = await accountRepository.FindByEmailAsync(DemoAccounts.Staff.Single(s => s.Role == Roles.Researcher).Email, cancellationToken);
        await wallets.EnsureCustodialWalletAsync(researcher!.Id, cancellationToken);
        await log.WriteLineAsync($"patient accounts: {patientIds.Count} ({PatientEmail(1)} …), each with a custodial wallet");
        return "demo ready";
    }
}
