using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using AffiliateBlazor.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Authenticates server-to-server conversions signed with the merchant's secret. The merchant is named by its slug
/// (X-Merchant header or merchant parameter); what is signed is the raw body of a POST, or the raw query string of
/// a GET without its leading '?' and without the sig parameter (which may carry the signature instead of X-Signature).
/// </summary>
public sealed class SignatureAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SigningSecretService secrets, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Signature";
    public const string Header = "X-Signature";
    public const string MerchantHeader = "X-Merchant";
    public const string SignatureParameter = "sig";
    public const string MerchantParameter = "merchant";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Where a refusal's reason waits for the 401 problem details, so an integrator reads why.</summary>
    public const string RefusalItem = "signature-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var isGet = HttpMethods.IsGet(Request.Method);
        var signature = Single(Request.Headers[Header]) ?? (isGet ? Single(Request.Query[SignatureParameter]) : null);
        if (signature is null) return AuthenticateResult.NoResult();

        var merchant = Single(Request.Headers[MerchantHeader]) ?? Single(Request.Query[MerchantParameter]);
        if (merchant is null) return Refuse($"Name the merchant whose secret signed the call: the {MerchantHeader} header or the {MerchantParameter} parameter.");
        var payload = isGet ? Encoding.UTF8.GetBytes(StrictQuery.Without(Request.QueryString.Value, SignatureParameter)) : await ReadBodyAsync();
        if (payload is null) return Refuse($"A signed body is at most {MaxBodyBytes / 1024} KB.");
        if (await secrets.FindAsync(merchant) is not { } key)
            return Refuse("That merchant has no signing secret: make one on the tracking page or with POST /api/v1/settings/signing-secret.");

        var now = clock.GetUtcNow();
        // Valid under any of the merchant's secrets; otherwise the reason is the current secret's (timestamps and form
        // do not depend on the secret).
        var checks = key.Secrets.Select(secret => RequestSignature.Verify(signature, secret, payload, now)).ToList();
        return (checks.Contains(SignatureCheck.Valid) ? SignatureCheck.Valid : checks[0]) switch
        {
            SignatureCheck.Valid => AuthenticateResult.Success(new AuthenticationTicket(MerchantPrincipal(key), SchemeName)),
            SignatureCheck.Malformed => Refuse($"{Header} is not of the form t=<unix seconds>,v1=<64 hex digits>."),
            SignatureCheck.TooOld => Refuse($"The signature's timestamp is more than {RequestSignature.Tolerance.TotalMinutes:0} minutes old: sign each call when it is sent."),
            SignatureCheck.FromTheFuture => Refuse($"The signature's timestamp is more than {RequestSignature.Tolerance.TotalMinutes:0} minutes ahead: check the sender's clock."),
            _ => Refuse("The signature does not match: sign \"<t>.<body>\" (for GET, the query string without sig) with the merchant's current secret (or, for a day after a rotation, the one it replaced)."),
        };
    }

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[RefusalItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private static string? Single(StringValues values) => values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static ClaimsPrincipal MerchantPrincipal(SigningKey key) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, key.OwnerUserId),
        new Claim(ClaimTypes.Role, Roles.Merchant),
        new Claim(AppClaimTypes.MerchantId, key.MerchantId.ToString(CultureInfo.InvariantCulture)),
    ], SchemeName));

    /// <summary>The body exactly as sent, left readable for the endpoint; null when it is larger than a conversion can be.</summary>
    private async Task<byte[]?> ReadBodyAsync()
    {
        if (Request.ContentLength > MaxBodyBytes) return null;
        Request.EnableBuffering();
        try
        {
            using var body = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await Request.Body.ReadAsync(buffer, Context.RequestAborted)) > 0)
            {
                if (body.Length + read > MaxBodyBytes) return null;
                body.Write(buffer, 0, read);
            }
            return body.ToArray();
        }
        finally
        {
            Request.Body.Position = 0;
        }
    }
}
