namespace EmrMarket.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task RunAsync_NoArguments_PrintsUsageWithEveryCommand()
    {
        var output = new StringWriter();

        var exit = await CliApp.RunAsync([], output);

        Assert.Equal(0, exit);
        Assert.Contains("migrate", output.ToString());
        Assert.Contains("health", output.ToString());
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsWithUsageError()
    {
        var output = new StringWriter();

        var exit = await CliApp.RunAsync(["frobnicate"], output);

        Assert.Equal(64, exit);
        Assert.Contains("usage: emr", output.ToString());
    }
}
