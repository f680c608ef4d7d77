namespace EmrMarket.Cli.Commands;

public interface ICommand
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken);
}
