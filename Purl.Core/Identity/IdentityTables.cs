using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Identity;

// ASP.NET Core Identity's tables under plain names (users, roles, …) instead of asp_net_users.

internal sealed class PurlUserConfiguration : IEntityTypeConfiguration<PurlUser>
{
    public void Configure(EntityTypeBuilder<PurlUser> b)
    {
        b.ToTable("users");
        b.Property(u => u.PhoneNumber).HasMaxLength(16);
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
    }
}

internal sealed class PurlRoleConfiguration : IEntityTypeConfiguration<PurlRole>
{
    public void Configure(EntityTypeBuilder<PurlRole> b)
    {
        b.ToTable("roles");
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        b.HasData(PurlRoles.Seed);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.ToTable("user_roles");
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b) => b.ToTable("user_claims");
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b) => b.ToTable("user_logins");
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b) => b.ToTable("user_tokens");
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> b) => b.ToTable("role_claims");
}
