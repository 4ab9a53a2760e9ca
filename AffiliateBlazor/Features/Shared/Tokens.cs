using System.Security.Cryptography;
using System.Text;

namespace AffiliateBlazor.Features.Shared;

/// <summary>Random opaque tokens for URLs (link codes, click ids, campaign keys) and hashing of secrets.</summary>
public static class Tokens
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A URL-safe token without look-alike characters; 10 characters carry about 58 bits.</summary>
    public static string New(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
