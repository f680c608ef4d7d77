using EmrMarket.Testing;

namespace EmrMarket.Fhir.Tests;

/// <summary>Runs Oracles/jcs.mjs under node: an implementation of the same rules that is not ours.</summary>
internal static class NodeOracle
{
    public static async Task<string[]> RunAsync(string mode, IEnumerable<string> lines)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "jcs.mjs");
        var result = await ProcessRunner.RunAsync("node", [script, mode], standardInput: string.Join('\n', lines) + "\n");
        Assert.True(result.ExitCode == 0, $"node failed: {result.StandardError}");
        return result.StandardOutput.TrimEnd('\n').Split('\n');
    }
}
