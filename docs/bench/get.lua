-- wrk script: ain_get GET_VALUE of a genesis account's balance (docs/benchmarks.md).
-- wrk -t2 -c64 -d15s -s docs/bench/get.lua http://127.0.0.1:18181/json-rpc
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"ain_get","params":{"protoVer":"1.0.0","type":"GET_VALUE","ref":"/accounts/0x00ADEc28B6a845a085e03591bE7550dd68673C1C/balance"}}'
