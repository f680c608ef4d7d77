using EmrMarket.Cli;

return await CliApp.RunAsync(args);
