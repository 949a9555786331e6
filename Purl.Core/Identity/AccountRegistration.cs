using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Identity;

public sealed record Registration(string? Email, string? Password, string? Role, string? StoreName, string? Phone);

/// <summary>Creates an account: the user, their role and, for a vendor, their store, all in one transaction.</summary>
public sealed class AccountRegistration(PurlDbContext db, IOutbox outbox, UserManager<PurlUser> users)
{
    public const int EmailMaxLength = 256;
    public const int StoreNameMinLength = 2;

    public async Task<Outcome<Account>> RegisterAsync(Registration request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = request.Email?.Trim() ?? "";
        var role = request.Role?.Trim().ToLowerInvariant() ?? "";
        var storeName = request.StoreName?.Trim() ?? "";
        string? phone = null;

        if (email.Length == 0)
            errors.Add("email", "Email is required.");
        else if (!IsEmail(email))
            errors.Add("email", "Email is not a valid address.");
        else if (await users.FindByEmailAsync(email) is not null)
            errors.Add("email", DuplicateEmail);

        if (string.IsNullOrEmpty(request.Password))
            errors.Add("password", "Password is required.");
        else
            await CheckPasswordAsync(request.Password, errors);

        if (!PurlRoles.Registrable.Contains(role))
            errors.Add("role", $"Role must be '{PurlRoles.Buyer}' or '{PurlRoles.Vendor}'.");
        else if (role == PurlRoles.Vendor && storeName.Length == 0)
            errors.Add("storeName", "A vendor needs a store name.");
        else if (role == PurlRoles.Buyer && storeName.Length > 0)
            errors.Add("storeName", "Only a vendor registration takes a store name.");
        if (storeName.Length > 0 && storeName.Length is < StoreNameMinLength or > Vendor.NameMaxLength)
            errors.Add("storeName", $"Store name must be {StoreNameMinLength} to {Vendor.NameMaxLength} characters.");

        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            if (PhoneNumbers.TryNormalize(request.Phone, out var e164))
                phone = e164;
            else
                errors.Add("phone", $"Phone must be in international format, e.g. {PhoneNumbers.Example}.");
        }

        if (errors.Any)
            return errors.ToProblem();

        try
        {
            return await CreateAsync(email, request.Password!, role, storeName, phone, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Lost a race with an identical registration (or store slug) between our checks and the insert.
            return unique.TableName == "vendors"
                ? Problem.Invalid("storeName", "A store with a very similar name was opened just now; please try again.")
                : Problem.Invalid("email", DuplicateEmail);
        }
    }

    private const string DuplicateEmail = "An account with this email already exists.";

    private async Task<Outcome<Account>> CreateAsync(
        string email, string password, string role, string storeName, string? phone, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PurlUser { UserName = email, Email = email, PhoneNumber = phone };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return ToProblem(created.Errors);
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
            throw new InvalidOperationException($"Role '{role}' could not be granted: {Describe(added.Errors)}. Is the database migrated?");
        Guid? vendorId = role == PurlRoles.Vendor ? (await VendorStores.CreateAsync(db, outbox, user.Id, storeName, ct)).Id : null;
        await transaction.CommitAsync(ct);
        return new Account(user.Id, email, phone, [role], vendorId);
    }

    private async Task CheckPasswordAsync(string password, FieldErrors errors)
    {
        var candidate = new PurlUser();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            foreach (var error in result.Errors)
                errors.Add("password", error.Description);
        }
    }

    private static Problem ToProblem(IEnumerable<IdentityError> identityErrors)
    {
        var errors = new FieldErrors();
        foreach (var error in identityErrors)
        {
            if (error.Code.StartsWith("Password", StringComparison.Ordinal))
                errors.Add("password", error.Description);
            else if (error.Code is "DuplicateUserName" or "DuplicateEmail")
                errors.Add("email", DuplicateEmail);
            else if (error.Code is "InvalidUserName" or "InvalidEmail")
                errors.Add("email", "Email is not a valid address.");
            else
                errors.Add("", error.Description);
        }
        return errors.ToProblem();
    }

    private static string Describe(IEnumerable<IdentityError> errors) => string.Join("; ", errors.Select(e => e.Description));

    /// <summary>One address, nothing else ("Jane &lt;jane@x.co&gt;" is not an email), with a dotted domain.</summary>
    private static bool IsEmail(string text) =>
        text.Length <= EmailMaxLength
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.')
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
}
