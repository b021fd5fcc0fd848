#!/usr/bin/env python3
"""Writes an archived event for bench/report.sh: the event line, then N
participants of M one-minute samples each, in the typed form `zoomqos sweep`
archives (and `list -o json` prints): a platform-wide spike at one minute for
most, one in twelve on bad Wi-Fi, a hot CPU now and then, idle cameras, and
their network type and data center. Deterministic: the same arguments give
the same bytes.

    bench/report_event.py PARTICIPANTS MINUTES > event.ndjson
"""
import json
import random
import sys

START_HOUR = 14
DEVICES = ["Windows", "Mac", "iOS", "Android", "Linux", "Web"]
LOCATIONS = ["Stockholm (SE)", "Paris (FR)", "Berlin (DE)", "Madrid (ES)", "Dublin (IE)",
             "Warsaw (PL)", "Oslo (NO)", "Rome (IT)"]
NETWORKS = ["Wifi", "Wired", "Cellular", "PPP"]
CENTRES = ["Germany (FR)", "Netherlands (AM)", "Ireland (DB)", "United States (NY)"]


def stamp(minute, second=0):
    return "2026-11-20T%02d:%02d:%02dZ" % (START_HOUR + minute // 60, minute % 60, second)


def stream(rng, latency, loss, bitrate, video=None):
    s = {"bitrate_kbps": round(bitrate, 1), "latency_ms": latency,
         "jitter_ms": rng.randint(1, 8), "avg_loss_pct": round(loss, 2),
         "max_loss_pct": round(loss * 3, 2)}
    if video is not None:
        s["resolution"] = {"width": 1280, "height": 720} if video else None
        s["frame_rate_fps"] = round(video, 2) if video else None
    return s


def participant(rng, index, minutes, spike):
    bad_wifi = index % 12 == 5
    hot_cpu = index % 37 == 3
    camera = index % 7 != 0
    samples = []
    for m in range(minutes):
        latency = rng.randint(20, 90)
        loss = rng.random() * 0.3
        if bad_wifi and rng.random() < 0.4:
            latency += rng.randint(150, 500)
            loss += rng.random() * 12
        if m == spike and rng.random() < 0.8:
            latency += rng.randint(200, 400)
        sample = {
            "date_time": stamp(m + 1),
            "audio_input": stream(rng, latency, loss, 20 + rng.random() * 20),
            "audio_output": stream(rng, latency - 5, loss / 2, 40 + rng.random() * 30),
            "video_input": stream(rng, latency + 5, loss, 900 + rng.random() * 600,
                                  12 + rng.random() * 18 if camera else 0),
            "video_output": stream(rng, latency + 3, loss / 2, 1500 + rng.random() * 900,
                                   20 + rng.random() * 10),
            "cpu_usage": {"zoom_min_cpu_usage_pct": 5,
                          "zoom_avg_cpu_usage_pct": rng.randint(85, 99) if hot_cpu else rng.randint(8, 40),
                          "zoom_max_cpu_usage_pct": 60, "system_max_cpu_usage_pct": 70},
        }
        samples.append(sample)
    number = index + 1
    return {
        "id": "BenchParticipant%08d" % number,
        "user_id": str(30000000 + number),
        "user_name": "Participant %d" % number,
        "email": "participant.%d@example.com" % number,
        "device": DEVICES[index % len(DEVICES)],
        "client": "Zoom",
        "version": "6.2.%d" % (index % 12),
        "ip_address": "198.51.100.%d" % (index % 254 + 1),
        "location": LOCATIONS[index % len(LOCATIONS)],
        "join_time": stamp(0, 10 + index % 40),
        "leave_time": stamp(minutes + 1, 5),
        "health": "Warning" if bad_wifi else "Good",
        "issue_list": ["High audio latency"] if bad_wifi else [],
        "details": {"id": "BenchParticipant%08d" % number, "user_id": str(30000000 + number),
                    "network_type": NETWORKS[index % len(NETWORKS)] if not bad_wifi else "Wifi",
                    "data_center": CENTRES[index % len(CENTRES)]},
        "user_qos": samples,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    count, minutes = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(20261120)
    out = sys.stdout
    event = {"kind": "webinar", "uuid": "BenchUuid0000000000000==", "id": 88000000001,
             "topic": "Benchmark: %d participants, %d minutes" % (count, minutes),
             "host": "bench@example.com", "start_time": stamp(0),
             "end_time": stamp(minutes + 1), "participants": count}
    out.write(json.dumps(event, separators=(",", ":")) + "\n")
    spike = minutes // 3
    for index in range(count):
        out.write(json.dumps(participant(rng, index, minutes, spike), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
