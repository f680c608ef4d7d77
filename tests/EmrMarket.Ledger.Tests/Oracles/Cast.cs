using EmrMarket.Testing;

namespace EmrMarket.Ledger.Tests.Oracles;

/// <summary>Foundry's cast (npm @foundry-rs/cast), an independent ABI implementation.</summary>
internal static class Cast
{
    private static string Binary => Path.Combine(RepoPaths.Contracts, "node_modules", "@foundry-rs", "cast-linux-amd64", "bin", "cast");

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Binary, arguments);
        Assert.True(result.ExitCode == 0, $"cast {string.Join(' ', arguments)} failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
