namespace Purl.Web.Components;

/// <summary>The dashboard's own URLs (relative, so the app can sit under a path base).</summary>
public static class DashboardPaths
{
    public const string SignIn = "/signin";
    public const string SignOut = "/signout";
    public const string Overview = "/";
    public const string Orders = "/orders";
    public const string Products = "/products";
    public const string NewProduct = "/products/new";
    public const string Posts = "/posts";
    public const string Store = "/store";
    public const string Followers = "/followers";

    public static string Product(Guid id) => $"/products/{id}";

    /// <summary>Where a vendor whose session ended is sent, coming back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string SignInAgain(string returnUrl) => $"{SignIn}?expired=1&ReturnUrl={Uri.EscapeDataString(returnUrl)}";
}
