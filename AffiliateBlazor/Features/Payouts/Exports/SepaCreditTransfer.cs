using System.Globalization;
using System.Text;
using System.Xml;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Payouts.Exports;

/// <summary>The paying account and the euro transfers of one SEPA file.</summary>
public sealed record SepaBatch(string MessageId, DateTime CreatedAt, DateOnly ExecutionDate, string DebtorName, string DebtorIban, IReadOnlyList<SepaTransfer> Transfers);

public sealed record SepaTransfer(string EndToEndId, long AmountCents, string CreditorName, string CreditorIban, string RemittanceText);

/// <summary>
/// A SEPA credit transfer initiation (ISO 20022 pain.001.001.03), the file banks across the euro area import to pay many
/// people at once. Names and texts are reduced to the SEPA character set (accents dropped, anything else a space) and to
/// the lengths the schema allows; the banks' BICs are not needed within SEPA ("NOTPROVIDED").
/// </summary>
public static class SepaCreditTransfer
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    public static void Write(Stream output, SepaBatch batch)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        var total = Amount(batch.Transfers.Sum(t => t.AmountCents));
        var count = batch.Transfers.Count.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("Document", Namespace);
        xml.WriteStartElement("CstmrCdtTrfInitn");
        xml.WriteStartElement("GrpHdr");
        xml.WriteElementString("MsgId", Latin(batch.MessageId, 35));
        xml.WriteElementString("CreDtTm", batch.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteElementString("NbOfTxs", count);
        xml.WriteElementString("CtrlSum", total);
        Party(xml, "InitgPty", batch.DebtorName);
        xml.WriteEndElement();

        xml.WriteStartElement("PmtInf");
        xml.WriteElementString("PmtInfId", Latin(batch.MessageId, 35));
        xml.WriteElementString("PmtMtd", "TRF");
        xml.WriteElementString("NbOfTxs", count);
        xml.WriteElementString("CtrlSum", total);
        xml.WriteStartElement("PmtTpInf");
        xml.WriteStartElement("SvcLvl");
        xml.WriteElementString("Cd", "SEPA");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteElementString("ReqdExctnDt", batch.ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Party(xml, "Dbtr", batch.DebtorName);
        Account(xml, "DbtrAcct", batch.DebtorIban);
        Agent(xml, "DbtrAgt");
        xml.WriteElementString("ChrgBr", "SLEV");
        foreach (var transfer in batch.Transfers)
        {
            xml.WriteStartElement("CdtTrfTxInf");
            xml.WriteStartElement("PmtId");
            xml.WriteElementString("EndToEndId", Latin(transfer.EndToEndId, 35));
            xml.WriteEndElement();
            xml.WriteStartElement("Amt");
            xml.WriteStartElement("InstdAmt");
            xml.WriteAttributeString("Ccy", "EUR");
            xml.WriteString(Amount(transfer.AmountCents));
            xml.WriteEndElement();
            xml.WriteEndElement();
            Party(xml, "Cdtr", transfer.CreditorName);
            Account(xml, "CdtrAcct", transfer.CreditorIban);
            xml.WriteStartElement("RmtInf");
            xml.WriteElementString("Ustrd", Latin(transfer.RemittanceText, 140));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// The SEPA character set: a-z, A-Z, 0-9 and / - ? : ( ) . , ' + and space. Accented letters lose their accents;
    /// anything else becomes a space; then the text is trimmed to the field's length.
    /// </summary>
    public static string Latin(string text, int maxLength)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(char.IsAsciiLetterOrDigit(c) || "/-?:().,'+ ".Contains(c) ? c : ' ');
        }
        var result = string.Join(' ', plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        result = result.Length > maxLength ? result[..maxLength].TrimEnd() : result;
        return result.Length > 0 ? result : "NOTPROVIDED";
    }

    private static string Amount(long cents) => MoneyFormat.ToMajor(cents, "EUR").ToString("0.00", CultureInfo.InvariantCulture);

    private static void Party(XmlWriter xml, string element, string name)
    {
        xml.WriteStartElement(element);
        xml.WriteElementString("Nm", Latin(name, 70));
        xml.WriteEndElement();
    }

    private static void Account(XmlWriter xml, string element, string iban)
    {
        xml.WriteStartElement(element);
        xml.WriteStartElement("Id");
        xml.WriteElementString("IBAN", iban);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Agent(XmlWriter xml, string element)
    {
        xml.WriteStartElement(element);
        xml.WriteStartElement("FinInstnId");
        xml.WriteStartElement("Othr");
        xml.WriteElementString("Id", "NOTPROVIDED");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }
}
