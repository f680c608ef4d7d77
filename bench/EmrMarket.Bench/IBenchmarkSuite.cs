namespace EmrMarket.Bench;

/// <summary>
/// One area's benchmarks. A suite prints its figures (rates, ratios, memory) as a Markdown table
/// that can go into the README as it is.
/// </summary>
public interface IBenchmarkSuite
{
    /// <summary>The name used on the command line: <c>dotnet run -c Release --project bench/EmrMarket.Bench -- NAME</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken);
}
