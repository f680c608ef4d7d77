using EmrMarket.Web;
using EmrMarket.Web.Auth;
using EmrMarket.Web.Components;
using EmrMarket.Web.Health;
using EmrMarket.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEmrMarketWeb(builder.Configuration);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapBlazorScript();
app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
