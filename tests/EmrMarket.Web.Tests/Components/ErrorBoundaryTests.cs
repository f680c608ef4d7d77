using EmrMarket.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace EmrMarket.Web.Tests.Components;

public sealed class ErrorBoundaryTests
{
    [Fact]
    public async Task FriendlyErrorBoundary_ChildThrowsInternalError_ShowsASentenceNotTheException()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<FriendlyErrorBoundary>(new Dictionary<string, object?>
        {
            ["ChildContent"] = Child(new InvalidOperationException("Sequence contains no elements at Foo.Bar()")),
        });

        var message = html.QuerySelector("[data-testid=page-error]")!;
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Contains("nothing was changed. Try again", message.TextContent);
        Assert.DoesNotContain("Sequence", html.DocumentElement.OuterHtml);
        Assert.NotNull(message.QuerySelector("button"));
    }

    [Fact]
    public async Task FriendlyErrorBoundary_DatabaseDown_SaysWhatIsDown()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<FriendlyErrorBoundary>(new Dictionary<string, object?>
        {
            ["ChildContent"] = Child(new NpgsqlException("Failed to connect to 127.0.0.1:5432")),
        });

        Assert.Contains("database cannot be reached", html.QuerySelector("[data-testid=page-error]")!.TextContent);
    }

    private static RenderFragment Child(Exception exception) => builder =>
    {
        builder.OpenComponent<Thrower>(0);
        builder.AddComponentParameter(1, nameof(Thrower.Exception), exception);
        builder.CloseComponent();
    };

    private sealed class Thrower : ComponentBase
    {
        [Parameter] public Exception Exception { get; set; } = null!;

        protected override void OnInitialized() => throw Exception;
    }
}
