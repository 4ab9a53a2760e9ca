namespace AffiliateBlazor.Domain;

/// <summary>A business rule said no. The message is written for the user who asked.</summary>
public class DomainException(string message) : Exception(message);
