#!/bin/sh
# Renders the nginx configuration from the environment, then runs nginx in the foreground.
#   API_UPSTREAM           host:port of the API (default api:3000, the compose service)
#   WEB_PORT               port to listen on (default 8080; unprivileged, so nginx needs no root)
#   WEB_LISTEN             nginx `listen` address instead, e.g. 127.0.0.1:8080 (with --network host)
#   RESOLVER               DNS server for API_UPSTREAM (default: the first nameserver in /etc/resolv.conf,
#                          which is Docker's embedded DNS on a compose network)
#   CLIENT_MAX_BODY_SIZE   largest request body (default 12m: a 10 MB photo plus multipart overhead)
set -eu

API_UPSTREAM=${API_UPSTREAM:-api:3000}
WEB_PORT=${WEB_PORT:-8080}
WEB_LISTEN=${WEB_LISTEN:-$WEB_PORT}
CLIENT_MAX_BODY_SIZE=${CLIENT_MAX_BODY_SIZE:-12m}
RESOLVER=${RESOLVER:-$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf 2>/dev/null)}
RESOLVER=${RESOLVER:-127.0.0.11}
case "$RESOLVER" in *:*:*) RESOLVER="[$RESOLVER]" ;; esac

for value in "$API_UPSTREAM" "$WEB_LISTEN" "$CLIENT_MAX_BODY_SIZE" "$RESOLVER"; do
  case "$value" in
    *[!A-Za-z0-9.:_\[\]-]*) echo "web: refusing a setting with unexpected characters: $value" >&2; exit 64 ;;
  esac
done

mkdir -p /tmp/nginx
sed -e "s|__API_UPSTREAM__|$API_UPSTREAM|g" -e "s|__WEB_PORT__|$WEB_LISTEN|g" \
  -e "s|__RESOLVER__|$RESOLVER|g" -e "s|__CLIENT_MAX_BODY_SIZE__|$CLIENT_MAX_BODY_SIZE|g" \
  /etc/nginx/red-butler/nginx.conf.template >/tmp/nginx/nginx.conf
echo "web: H5 on $WEB_LISTEN, /api, /open311 and /admin/queues -> $API_UPSTREAM (resolver $RESOLVER)"
# nginx treats SIGTERM as "drop everything now" and SIGQUIT as "finish the requests in flight":
# `docker stop` sends SIGTERM, so pass it on as SIGQUIT and exit with nginx's own status.
nginx -c /tmp/nginx/nginx.conf -e stderr -g 'daemon off;' &
pid=$!
trap 'kill -QUIT "$pid" 2>/dev/null || true' TERM INT QUIT
set +e
while :; do
  wait "$pid"
  status=$?
  # A trapped signal interrupts `wait`; keep waiting while nginx drains.
  kill -0 "$pid" 2>/dev/null || break
done
exit "$status"
