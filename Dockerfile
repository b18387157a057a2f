# Build: docker build -t helpdesk .   Run with PostgreSQL: docker compose up --build
# The image has no PostgreSQL binaries, so ConnectionStrings__HelpDesk must be set.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from build settings and project files only, so the restore layer is cached
# until a package or project reference changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/HelpDesk.Domain/HelpDesk.Domain.csproj src/HelpDesk.Domain/
COPY src/HelpDesk.Application/HelpDesk.Application.csproj src/HelpDesk.Application/
COPY src/HelpDesk.Infrastructure/HelpDesk.Infrastructure.csproj src/HelpDesk.Infrastructure/
COPY src/HelpDesk.Web/HelpDesk.Web.csproj src/HelpDesk.Web/
RUN dotnet restore src/HelpDesk.Web/HelpDesk.Web.csproj

COPY src/ src/
RUN dotnet publish src/HelpDesk.Web/HelpDesk.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .

# ASPNETCORE_HTTP_PORTS (set by the base image) is cleared so Kestrel does not warn that URLS overrides it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080

# Non-root user provided by the aspnet image.
USER app
ENTRYPOINT ["dotnet", "HelpDesk.Web.dll"]
