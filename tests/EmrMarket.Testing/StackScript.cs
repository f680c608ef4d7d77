namespace EmrMarket.Testing;

/// <summary>Drives scripts/stack.sh, the one way the tests and the README start local services.</summary>
public static class StackScript
{
    private static string Script => Path.Combine(RepoPaths.Scripts, "stack.sh");

    public static async Task<Dictionary<string, string>> UpAsync(string name, string? only = null)
    {
        await RunAsync(WithOnly(["up", "--name", name], only));
        var env = await RunAsync(WithOnly(["env", "--name", name], only));
        return env.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
    }

    public static Task DownAsync(string name, string? only = null) => RunAsync(WithOnly(["down", "--name", name], only));

    public static Task ResetAsync(string name) => RunAsync(["reset", "--name", name]);

    private static string[] WithOnly(string[] arguments, string? only) =>
        only is null ? arguments : [.. arguments, "--only", only];

    private static async Task<string> RunAsync(string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("bash", [Script, .. arguments], timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"stack.sh {string.Join(' ', arguments)} failed:\n{result.StandardError}");
        return result.StandardOutput;
    }
}
