#!/usr/bin/env python3
"""A DNS forwarder that swallows some questions: every UDP query to LISTEN_PORT whose name contains WORD is never
answered (a domain whose nameservers are dead, behind a resolver that drops the question); the rest are relayed to
127.0.0.1:TARGET_PORT at once. Usage: drop-forwarder.py LISTEN_PORT TARGET_PORT WORD"""
import asyncio
import sys

listen, target, word = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode().lower()


def qname(packet):
    """The question's name, lower-cased labels joined by dots (b"" when the packet is too short)."""
    labels, at = [], 12
    while at < len(packet) and packet[at] != 0:
        size = packet[at]
        labels.append(packet[at + 1:at + 1 + size])
        at += 1 + size
    return b".".join(labels).lower()


class Upstream(asyncio.DatagramProtocol):
    def __init__(self, reply):
        self.reply = reply

    def datagram_received(self, data, addr):
        self.reply(data)


class Front(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, client):
        if word in qname(data):
            return
        loop = asyncio.get_running_loop()

        async def relay():
            done = loop.create_future()

            def reply(answer):
                self.transport.sendto(answer, client)
                if not done.done():
                    done.set_result(None)

            upstream, _ = await loop.create_datagram_endpoint(lambda: Upstream(reply), remote_addr=("127.0.0.1", target))
            upstream.sendto(data)
            try:
                await asyncio.wait_for(done, 5)
            except asyncio.TimeoutError:
                pass
            upstream.close()

        loop.create_task(relay())


async def main():
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(Front, local_addr=("127.0.0.1", listen))
    await asyncio.Event().wait()


asyncio.run(main())
