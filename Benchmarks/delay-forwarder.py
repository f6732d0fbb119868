#!/usr/bin/env python3
"""A DNS forwarder that adds latency: every UDP datagram and TCP connection to LISTEN_PORT is relayed to
127.0.0.1:TARGET_PORT, each direction delayed by DELAY_MS/2, so a query costs DELAY_MS more round trip.
(This kernel has no netem.) Usage: delay-forwarder.py LISTEN_PORT TARGET_PORT DELAY_MS"""
import asyncio
import sys

listen, target, delay_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
half = delay_ms / 2000.0


class Upstream(asyncio.DatagramProtocol):
    def __init__(self, reply):
        self.reply = reply

    def datagram_received(self, data, addr):
        asyncio.get_running_loop().call_later(half, self.reply, data)


class Front(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, client):
        loop = asyncio.get_running_loop()

        async def relay():
            await asyncio.sleep(half)
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


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            await asyncio.sleep(half)
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def tcp_client(reader, writer):
    up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target)
    await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def main():
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(Front, local_addr=("127.0.0.1", listen))
    server = await asyncio.start_server(tcp_client, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
