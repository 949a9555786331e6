using System.Text.RegularExpressions;

namespace Purl.Core.Identity;

/// <summary>Phone numbers as M-Pesa and SMS need them: E.164 in an East African country (+2547… in Kenya).</summary>
public static partial class PhoneNumbers
{
    public const string Example = "+254712345678";

    /// <summary>Kenya, Tanzania, Uganda, Rwanda, Burundi, Ethiopia, Somalia, South Sudan: country code then 8–9 digits.</summary>
    [GeneratedRegex(@"^\+(254|255|256|250|257|251|252|211)[1-9]\d{7,8}$")]
    private static partial Regex EastAfricanE164();

    /// <summary>Accepts spaces and dashes as people type them ("+254 712 345-678") and returns the bare E.164 form.</summary>
    public static bool TryNormalize(string input, out string e164)
    {
        e164 = string.Concat(input.Where(c => c is not (' ' or '-' or '(' or ')')));
        return EastAfricanE164().IsMatch(e164);
    }
}
