FROM alpine:3.20
RUN apk add --no-cache samba
COPY smb.conf /etc/samba/smb.conf
CMD smbd --foreground --no-process-group
