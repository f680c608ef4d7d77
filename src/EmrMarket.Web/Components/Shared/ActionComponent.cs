using EmrMarket.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace EmrMarket.Web.Components.Shared;

/// <summary>
/// A component whose buttons start work: <see cref="RunAsync"/> marks it busy (disable the buttons), and turns a
/// failure into a message a person can act on (<see cref="UserErrors"/>) instead of breaking the page. Failures that
/// are not the use cases' own refusals are logged. Render <c>&lt;StatusMessage Kind="Kind" Text="@Status" /&gt;</c>.
/// </summary>
public abstract class ActionComponent : ComponentBase
{
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    protected bool Busy { get; private set; }

    protected string? Status { get; private set; }

    protected MessageKind Kind { get; private set; }

    protected void Show(MessageKind kind, string? text) => (Kind, Status) = (kind, text);

    /// <summary>Runs <paramref name="work"/>; true when it finished without an exception.</summary>
    protected async Task<bool> RunAsync(Func<Task> work)
    {
        Busy = true;
        Show(MessageKind.Info, null);
        try
        {
            await work();
            return true;
        }
        catch (Exception e)
        {
            if (!UserErrors.IsRefusal(e)) LoggerFactory.CreateLogger(GetType()).LogError(e, "An action failed");
            Show(MessageKind.Error, UserErrors.Describe(e));
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
