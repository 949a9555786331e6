using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Purl.Api.Client.Auth;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Auth;

public sealed class RegistrationTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_registers_and_gets_201_with_their_me_body()
    {
        var email = AuthClient.NewEmail("buyer");
        using var response = await app.CreateClient().PostAsJsonAsync(
            AuthRoutes.Register, new RegisterRequest(email, AuthClient.Password, "buyer", Phone: "+254 712 345 678"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var me = (await response.Content.ReadFromJsonAsync<MeResponse>(Ct))!;
        Assert.Equal(email, me.Email);
        Assert.Equal("+254712345678", me.Phone);
        Assert.Equal(["buyer"], me.Roles);
        Assert.Null(me.VendorId);
    }

    [Fact]
    public async Task A_vendor_registers_and_their_store_exists_with_a_slug()
    {
        var me = await app.Auth().RegisterAsync(
            new RegisterRequest(AuthClient.NewEmail("vendor"), AuthClient.Password, "vendor", "Mama Njeri's Kitenge House"), Ct);

        Assert.Equal(["vendor"], me.Roles);
        Assert.NotNull(me.VendorId);
        await using var db = app.CreateDbContext();
        var store = await db.Vendors.SingleAsync(v => v.Id == me.VendorId, Ct);
        Assert.Equal(me.Id, store.OwnerUserId);
        Assert.Equal("Mama Njeri's Kitenge House", store.Name);
        Assert.StartsWith("mama-njeris-kitenge-house", store.Slug);
    }

    [Fact]
    public async Task Opening_a_store_raises_vendor_changed_in_the_same_commit()
    {
        var me = await app.Auth().RegisterAsync(
            new RegisterRequest(AuthClient.NewEmail("vendor"), AuthClient.Password, "vendor", "Kisumu Fish Mongers"), Ct);

        await using var db = app.CreateDbContext();
        var events = await db.OutboxMessages.Where(m => m.Type == "VendorChanged").Select(m => m.Payload).ToListAsync(Ct);
        Assert.Contains(events, payload => payload.Contains(me.VendorId!.Value.ToString()));
    }

    [Fact]
    public async Task Two_stores_with_the_same_name_get_different_slugs()
    {
        var name = $"Duka la Viatu {Guid.NewGuid():N}"[..30];
        var first = await app.Auth().RegisterAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "vendor", name), Ct);
        var second = await app.Auth().RegisterAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "vendor", name), Ct);

        await using var db = app.CreateDbContext();
        var slugs = await db.Vendors.Where(v => v.Id == first.VendorId || v.Id == second.VendorId).Select(v => v.Slug).ToListAsync(Ct);
        Assert.Equal(2, slugs.Distinct().Count());
    }

    [Fact]
    public async Task A_malformed_email_is_a_400_naming_email() =>
        await AssertInvalidAsync(new RegisterRequest("not-an-email", AuthClient.Password, "buyer"), "email");

    [Fact]
    public async Task A_weak_password_is_a_400_naming_password() =>
        await AssertInvalidAsync(new RegisterRequest(AuthClient.NewEmail(), "short", "buyer"), "password");

    [Fact]
    public async Task An_email_already_registered_is_a_400_naming_email()
    {
        var email = AuthClient.NewEmail();
        await app.Auth().RegisterAsync(new RegisterRequest(email, AuthClient.Password, "buyer"), Ct);

        await AssertInvalidAsync(new RegisterRequest(email.ToUpperInvariant(), AuthClient.Password, "buyer"), "email");
    }

    [Fact]
    public async Task A_vendor_without_a_store_name_is_a_400_naming_store_name() =>
        await AssertInvalidAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "vendor"), "storeName");

    [Fact]
    public async Task A_store_name_longer_than_80_characters_is_a_400_naming_store_name() =>
        await AssertInvalidAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "vendor", new string('k', 81)), "storeName");

    [Fact]
    public async Task A_role_other_than_buyer_or_vendor_is_a_400_naming_role() =>
        await AssertInvalidAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "admin"), "role");

    [Fact]
    public async Task A_phone_outside_east_african_e164_is_a_400_naming_phone() =>
        await AssertInvalidAsync(new RegisterRequest(AuthClient.NewEmail(), AuthClient.Password, "buyer", Phone: "0712345678"), "phone");

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_and_nothing_is_created()
    {
        var email = AuthClient.NewEmail();

        var errors = await AssertInvalidAsync(new RegisterRequest(email, "abc", "vendor"), "password", "storeName");

        Assert.DoesNotContain("email", errors.Keys);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email, Ct));
    }

    private async Task<IDictionary<string, string[]>> AssertInvalidAsync(RegisterRequest request, params string[] fields)
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().RegisterAsync(request, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        var errors = error.Content!.Errors;
        foreach (var field in fields)
            Assert.True(errors.ContainsKey(field) && errors[field].Length > 0, $"expected an error on '{field}', got: {string.Join(", ", errors.Keys)}");
        return errors;
    }
}
