using System.Net;
using Microsoft.AspNetCore.Components;
using Purl.Web.Api;
using Purl.Web.Auth;
using Refit;

namespace Purl.Web.Components.Shared;

/// <summary>
/// What every dashboard page does with the API: run a call, turn a failure into a <see cref="ApiProblem"/> the page shows
/// in place, and send the vendor to sign in when the session is over (a 401, or a refresh the API refused).
/// </summary>
public abstract class VendorPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>Cancelled when the vendor leaves the page, so its calls stop.</summary>
    protected CancellationToken PageClosed => _closed.Token;

    /// <summary>Why the last call failed; null after a success.</summary>
    protected ApiProblem? Problem { get; set; }

    /// <summary>True when the call succeeded; otherwise <see cref="Problem"/> says why (or the vendor is on the way to sign in).</summary>
    protected async Task<bool> CallApiAsync(Func<CancellationToken, Task> call)
    {
        Problem = null;
        try
        {
            await call(PageClosed);
            return true;
        }
        catch (SessionExpiredException)
        {
            SendToSignIn();
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            SendToSignIn();
        }
        catch (ApiException e)
        {
            Problem = ApiProblem.From(e);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or TimeoutException)
        {
            Problem = ApiProblem.Unreachable;
        }
        catch (OperationCanceledException) when (PageClosed.IsCancellationRequested)
        {
        }
        return false;
    }

    protected void SendToSignIn() =>
        Navigation.NavigateTo(DashboardPaths.SignInAgain("/" + Navigation.ToBaseRelativePath(Navigation.Uri)), forceLoad: true);

    public virtual void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }
}
