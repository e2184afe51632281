-- wrk script of the throughput benchmark (bench/wrk.py starts wrk with it and writes its input).
--
-- Modes, given after wrk's `--`:
--   stap FILE  the step. FILE: the path with %d for the leerling; the payload (JSON); then one
--              line per wrk thread, "token id:version id:version ...". Each thread takes the
--              step for its own leerlingen in turn, each at the version its last 2xx answer
--              gave (or a 409 names). One connection per thread, so every answer follows
--              its own request.
--   post PATH  POST PATH with no body (the bare baselines).
--   get FILE   GET the paths of FILE (one a line) in turn; the cookie comes as wrk's -H.
--
-- Each thread counts its answers per status and keeps its first other answer (to stderr);
-- done() prints the one line bench/wrk.py reads:
--   stagetraject 2xx=N niet2xx=N statussen=409:3,500:1 socketfouten=N duur_us=N p50_us=N p99_us=N

local threads = {}
local volgnummer = 0

function setup(thread)
   thread:set("nummer", volgnummer)
   volgnummer = volgnummer + 1
   table.insert(threads, thread)
end

local function regels(bestand)
   local lijst = {}
   for regel in io.lines(bestand) do
      if regel ~= "" then table.insert(lijst, regel) end
   end
   return lijst
end

local modus, pad, body, token
local leerlingen, versies, paden = {}, {}, {}
local beurt, laatste = 0, nil
goed, anders, statussen, voorbeeld = 0, 0, {}, ""

function init(args)
   modus = args[1]
   if modus == "stap" then
      local lijst = regels(args[2])
      pad, body = lijst[1], lijst[2]
      local mijn = lijst[3 + nummer % (#lijst - 2)]
      token = mijn:match("^(%S+)")
      for id, versie in mijn:gmatch("(%d+):(%d+)") do
         table.insert(leerlingen, tonumber(id))
         versies[tonumber(id)] = tonumber(versie)
      end
   elseif modus == "post" then
      pad = args[2]
   elseif modus == "get" then
      paden = regels(args[2])
   else
      error("modus stap, post of get, niet " .. tostring(modus))
   end
end

function request()
   beurt = beurt + 1
   if modus == "stap" then
      laatste = leerlingen[(beurt - 1) % #leerlingen + 1]
      local headers = {}
      for naam, waarde in pairs(wrk.headers) do headers[naam] = waarde end
      headers["Authorization"] = "Bearer " .. token
      headers["Content-Type"] = "application/json"
      local inhoud = string.format('{"version":%d,"payload":%s}', versies[laatste], body)
      return wrk.format("POST", string.format(pad, laatste), headers, inhoud)
   elseif modus == "post" then
      return wrk.format("POST", pad)
   end
   return wrk.format("GET", paden[(beurt - 1) % #paden + 1])
end

function response(status, headers, antwoord)
   if status >= 200 and status < 300 then
      goed = goed + 1
      if modus == "stap" then
         versies[laatste] = tonumber(antwoord:match('"version":(%d+)'))
      end
   else
      anders = anders + 1
      statussen[status] = (statussen[status] or 0) + 1
      -- a stale version (409, "huidige_versie") or a refusal (409, "version") says the
      -- leerling's version now: take it, so one lost answer costs one counted 409, not a phase
      local nu = antwoord:match('"huidige_versie":(%d+)') or antwoord:match('"version":(%d+)')
      if modus == "stap" and nu then versies[laatste] = tonumber(nu) end
      if voorbeeld == "" then
         voorbeeld = string.format("%d %s: %s", status, tostring(laatste), antwoord:sub(1, 300))
      end
   end
end

function done(summary, latency, requests)
   local totaal_goed, totaal_anders, per_status = 0, 0, {}
   for _, thread in ipairs(threads) do
      totaal_goed = totaal_goed + thread:get("goed")
      totaal_anders = totaal_anders + thread:get("anders")
      for status, aantal in pairs(thread:get("statussen")) do
         per_status[status] = (per_status[status] or 0) + aantal
      end
   end
   local lijst = {}
   for status, aantal in pairs(per_status) do
      table.insert(lijst, string.format("%d:%d", status, aantal))
   end
   table.sort(lijst)
   for _, thread in ipairs(threads) do  -- the first other answer of each thread, to stderr
      local tekst = thread:get("voorbeeld")
      if tekst ~= "" then io.stderr:write("stagetraject niet-2xx " .. tekst .. "\n") end
   end
   local e = summary.errors
   io.write(string.format(
      "stagetraject 2xx=%d niet2xx=%d statussen=%s socketfouten=%d duur_us=%d p50_us=%d p99_us=%d\n",
      totaal_goed, totaal_anders, table.concat(lijst, ","),
      e.connect + e.read + e.write + e.timeout, summary.duration,
      latency:percentile(50), latency:percentile(99)))
end
