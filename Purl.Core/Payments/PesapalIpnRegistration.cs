using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Payments;

/// <summary>
/// The <c>ipn_id</c> Pesapal gave our IPN URL. Registered once and kept, so every API instance and restart sends
/// the same <c>notification_id</c>; a new URL (or notification type) gets a registration of its own.
/// </summary>
public sealed class PesapalIpnRegistration
{
    public required string Url { get; set; }
    /// <summary><c>GET</c> or <c>POST</c>: how Pesapal calls the URL.</summary>
    public required string NotificationType { get; set; }
    public Guid IpnId { get; set; }
    public DateTimeOffset RegisteredAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class PesapalIpnRegistrationConfiguration : IEntityTypeConfiguration<PesapalIpnRegistration>
{
    public void Configure(EntityTypeBuilder<PesapalIpnRegistration> b)
    {
        b.ToTable("pesapal_ipn_registrations");
        b.HasKey(r => new { r.Url, r.NotificationType });
        b.Property(r => r.Url).HasMaxLength(500);
        b.Property(r => r.NotificationType).HasMaxLength(4);
    }
}
