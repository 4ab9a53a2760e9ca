using AffiliateBlazor.Features.Creatives;

namespace AffiliateBlazor.Tests.Features.Creatives;

public class BannerImageTests
{
    [Theory]
    [MemberData(nameof(TestBanners.Names), MemberType = typeof(TestBanners))]
    public void Each_format_is_recognised_from_its_bytes_with_its_pixel_size(string format)
    {
        var banner = TestBanners.ByName[format];

        Assert.True(BannerImage.TryRead(banner.Bytes, out var type, out var width, out var height));

        Assert.Equal((banner.ContentType, banner.Width, banner.Height), (type, width, height));
    }

    [Theory]
    [MemberData(nameof(TestBanners.Names), MemberType = typeof(TestBanners))]
    public void A_file_cut_short_before_its_size_is_refused_without_an_error(string format)
    {
        var bytes = TestBanners.ByName[format].Bytes;
        var readable = Enumerable.Range(0, bytes.Length).Count(length => BannerImage.TryRead(bytes.AsSpan(0, length), out _, out _, out _));

        // Once the size is in the prefix, every longer prefix reads too; every shorter one is refused.
        var shortest = Enumerable.Range(0, bytes.Length).First(length => BannerImage.TryRead(bytes.AsSpan(0, length), out _, out _, out _));
        Assert.Equal(bytes.Length - shortest, readable);
    }

    [Fact]
    public void Text_svg_and_unknown_bytes_are_not_banners()
    {
        Assert.False(BannerImage.TryRead(TestBanners.Text, out var type, out _, out _));
        Assert.Null(type);
        Assert.False(BannerImage.TryRead("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>"u8, out _, out _, out _));
        Assert.False(BannerImage.TryRead("BM6\0\0\0\0\0\0\06\0\0\0(\0\0\0"u8, out _, out _, out _));
        Assert.False(BannerImage.TryRead([], out _, out _, out _));
    }

    [Fact]
    public void A_header_of_zero_or_absurd_size_is_refused()
    {
        var zeroWide = (byte[])TestBanners.Png.Bytes.Clone();
        zeroWide[16] = zeroWide[17] = zeroWide[18] = zeroWide[19] = 0;
        var huge = (byte[])TestBanners.Png.Bytes.Clone();
        huge[16] = 0x01; // 16 million pixels wide

        Assert.False(BannerImage.TryRead(zeroWide, out _, out _, out _));
        Assert.False(BannerImage.TryRead(huge, out _, out _, out _));
    }

    [Fact]
    public void Random_bytes_after_a_real_signature_never_throw()
    {
        var random = new Random(20261125);
        foreach (var banner in TestBanners.ByName.Values)
            for (var i = 0; i < 500; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                var signature = Math.Min(bytes.Length, 12);
                banner.Bytes.AsSpan(0, signature).CopyTo(bytes);

                var read = BannerImage.TryRead(bytes, out var type, out var width, out var height);

                if (read) Assert.True(type is not null && width is > 0 and <= BannerImage.MaxSide && height is > 0 and <= BannerImage.MaxSide);
            }
    }
}
