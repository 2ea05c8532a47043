# `platform serve` (the Step Functions API, console, triggers and approval links on the durable embedded runtime) for
# Azure Container Apps or any container host. Data lives in /data: mount a volume there so executions survive restarts.
#   docker build -t asl-platform .
#   docker run -p 8083:8080 -v asl-data:/data -e PLATFORM_API_KEY=secret asl-platform
# It listens on every interface (PLATFORM_URLS), so it refuses to start without PLATFORM_API_KEY unless
# PLATFORM_ALLOW_ANONYMOUS=true says that everyone who reaches the port may use the API (docs/server.md, "Settings").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Platform.Asl/ src/Platform.Asl/
COPY src/Platform.Engine/ src/Platform.Engine/
COPY src/Platform.Runtime/ src/Platform.Runtime/
COPY src/Platform.Server/ src/Platform.Server/
COPY src/Platform.Cli/ src/Platform.Cli/
RUN dotnet publish src/Platform.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN mkdir /data && chown app /data
WORKDIR /app
COPY --from=build /app ./
COPY workflows/*.asl.json /app/workflows/
ENV PLATFORM_URLS=http://*:8080 PLATFORM_DATA_DIRECTORY=/data PLATFORM_WORKFLOWS_DIRECTORY=/app/workflows DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "platform.dll", "serve"]
