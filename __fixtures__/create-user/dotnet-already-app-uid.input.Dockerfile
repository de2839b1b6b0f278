FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY publish .
USER $APP_UID
ENTRYPOINT ["dotnet", "Web.dll"]
