namespace EmrMarket.Cli.Commands;

/// <summary>A failure the operator can act on: its message is printed without a stack trace.</summary>
public sealed class CommandException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
