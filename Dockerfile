# syntax=docker/dockerfile:1
# Build: docker build -t affiliateblazor .
# Run:   docker run -p 8080:8080 -v affiliateblazor-data:/app/data affiliateblazor
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY AffiliateBlazor/AffiliateBlazor.csproj AffiliateBlazor/
RUN dotnet restore AffiliateBlazor/AffiliateBlazor.csproj
COPY appsettings.json ./
COPY AffiliateBlazor/ AffiliateBlazor/
RUN dotnet publish AffiliateBlazor/AffiliateBlazor.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The database, its WAL files and the IP-hash key live in /app/data: mount a volume there to keep them.
RUN mkdir -p /app/data && chown -R app:app /app/data
VOLUME ["/app/data"]
USER app
ENV Urls=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
ENTRYPOINT ["dotnet", "AffiliateBlazor.dll"]
