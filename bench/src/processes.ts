/** Starting and talking to the server and workload processes. */
import { type ChildProcess, fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type {
  FromServer,
  FromWorkload,
  RunResult,
  ServerSpec,
  ToServer,
  ToWorkload,
  WorkloadSpec
} from "./protocol.js"

const here = dirname(fileURLToPath(import.meta.url))

/** The next message from `child` satisfying `accept`; rejects if the child exits first. */
const next = <M>(child: ChildProcess, accept: (message: M) => boolean, what: string): Promise<M> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: M) => {
      const error = (message as { type?: string; message?: string }).type === "error"
      if (error) {
        cleanup()
        reject(new Error(`${what}: ${(message as { message?: string }).message}`))
      } else if (accept(message)) {
        cleanup()
        resolve(message)
      }
    }
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`${what}: the process exited (${code}) before answering`))
    }
    const cleanup = () => {
      child.off("message", onMessage)
      child.off("exit", onExit)
    }
    child.on("message", onMessage)
    child.on("exit", onExit)
  })

export interface Server {
  readonly url: string
  readonly streams: number
  /** The URLs answered 200 since the last call. */
  readonly take: () => Promise<ReadonlyArray<string>>
  readonly stop: () => Promise<void>
}

export const startServer = async (spec: ServerSpec): Promise<Server> => {
  const child = fork(join(here, "server.js"), [JSON.stringify(spec)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const send = (message: ToServer) => child.send(message)
  const listening = await next<FromServer>(child, (m) => m.type === "listening", "fake server")
  if (listening.type !== "listening") throw new Error("unreachable")
  return {
    url: listening.url,
    streams: listening.streams,
    take: async () => {
      const answer = next<FromServer>(child, (m) => m.type === "urls", "fake server")
      send({ type: "take" })
      const message = await answer
      return message.type === "urls" ? message.urls : []
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      send({ type: "stop" })
      await exited
    }
  }
}

export interface Workload {
  readonly spec: WorkloadSpec
  readonly peakMethod: string
  readonly run: () => Promise<RunResult>
  readonly stop: () => Promise<void>
}

/** Starts a workload process and waits for its warm-up runs to finish. */
export const startWorkload = async (
  spec: WorkloadSpec,
  execArgv: ReadonlyArray<string> = []
): Promise<Workload> => {
  const child = fork(join(here, "workload.js"), [JSON.stringify(spec)], {
    execArgv: ["--expose-gc", ...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const send = (message: ToWorkload) => child.send(message)
  const ready = await next<FromWorkload>(child, (m) => m.type === "ready", `workload ${spec.kind}`)
  return {
    spec,
    peakMethod: ready.type === "ready" ? ready.peakMethod : "?",
    run: async () => {
      const answer = next<FromWorkload>(child, (m) => m.type === "result", `workload ${spec.kind}`)
      send({ type: "run" })
      const message = await answer
      if (message.type !== "result") throw new Error("unreachable")
      return message.result
    },
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      send({ type: "stop" })
      await exited
    }
  }
}
