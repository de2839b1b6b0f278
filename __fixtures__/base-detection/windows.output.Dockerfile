# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN powershell -Command New-Item -ItemType Directory C:\app
COPY app C:\app
CMD ["C:\app\server.exe"]
