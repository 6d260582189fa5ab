/**
 * The syntax tree of the Go subset the race lab models. Every node carries the
 * 1-based line and column of its first token, so the interpreter can put real
 * source lines into race reports and runtime errors.
 */

/** Where a node starts in the source: 1-based line and column (column counts UTF-16 units). */
export interface Pos {
  line: number;
  col: number;
}

/** A type as written: `int`, `sync.Mutex`, `map[string]int`, `chan int`, `*sync.WaitGroup`. */
export type TypeNode =
  | { kind: 'named'; name: 'int' | 'int64' | 'int32' | 'string' | 'bool'; pos: Pos }
  | { kind: 'qualified'; pkg: 'sync' | 'atomic'; name: 'Mutex' | 'RWMutex' | 'WaitGroup' | 'Int64' | 'Int32'; pos: Pos }
  | { kind: 'map'; key: TypeNode; value: TypeNode; pos: Pos }
  | { kind: 'chan'; elem: TypeNode; pos: Pos }
  | { kind: 'pointer'; elem: TypeNode; pos: Pos };

/** A function literal or declaration's signature and body. `name` is Go's symbol name, e.g. `main.main.func1`. */
export interface FuncNode {
  name: string;
  params: { name: string; type: TypeNode }[];
  results: TypeNode[];
  body: Block;
  pos: Pos;
}

export type Expr =
  | { kind: 'ident'; name: string; pos: Pos }
  | { kind: 'int'; value: number; pos: Pos }
  | { kind: 'string'; value: string; pos: Pos }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; pos: Pos }
  /** `!x`, `-x`, `&x` (address-of, only for sync values and atomic targets), `<-ch` (receive). */
  | { kind: 'unary'; op: '!' | '-' | '&' | '<-'; operand: Expr; pos: Pos }
  /** `f(a, b)`; `lparen` is where the argument list opens (Go attributes the call to it). */
  | { kind: 'call'; fn: Expr; args: Expr[]; lparen: Pos; pos: Pos }
  /** `make(map[string]int)`, `make(chan int, 1)`. */
  | { kind: 'make'; type: TypeNode; size?: Expr; pos: Pos }
  | { kind: 'selector'; x: Expr; name: string; pos: Pos }
  | { kind: 'index'; x: Expr; index: Expr; pos: Pos }
  | { kind: 'funcLit'; func: FuncNode; pos: Pos }
  | { kind: 'mapLit'; type: TypeNode; entries: { key: Expr; value: Expr }[]; pos: Pos };

export interface Block {
  stmts: Stmt[];
  pos: Pos;
}

export type Stmt =
  | { kind: 'var'; names: string[]; type?: TypeNode; values: Expr[]; pos: Pos }
  | { kind: 'const'; names: string[]; values: Expr[]; pos: Pos }
  /** `a, b := x` / `a = x` / `a += x`; `op` is `:=`, `=`, `+=`, `-=`, `*=`, `/=`. */
  | { kind: 'assign'; op: string; targets: Expr[]; values: Expr[]; pos: Pos }
  | { kind: 'incdec'; op: '++' | '--'; target: Expr; pos: Pos }
  | { kind: 'expr'; expr: Expr; pos: Pos }
  | { kind: 'send'; ch: Expr; value: Expr; pos: Pos }
  /** `go f(x)`; `wrapper` is Go's name for the closure it builds when the call has arguments (`main.main.gowrap1`). */
  | { kind: 'go'; call: Extract<Expr, { kind: 'call' }>; wrapper?: string; pos: Pos }
  | { kind: 'defer'; call: Extract<Expr, { kind: 'call' }>; pos: Pos }
  | { kind: 'if'; init?: Stmt; cond: Expr; then: Block; else?: Block | Extract<Stmt, { kind: 'if' }>; pos: Pos }
  | { kind: 'for'; init?: Stmt; cond?: Expr; post?: Stmt; body: Block; pos: Pos }
  /** `for k, v := range x` (define) or `for k, v = range x`; `_` or absent names are skipped. */
  | { kind: 'range'; key?: string; value?: string; define: boolean; x: Expr; body: Block; pos: Pos }
  | { kind: 'return'; values: Expr[]; pos: Pos }
  | { kind: 'break'; pos: Pos }
  | { kind: 'continue'; pos: Pos }
  | { kind: 'block'; block: Block; pos: Pos };

/** A parsed program: its imports, package-level variables and constants (in order) and functions by name. */
export interface Program {
  imports: { path: string; pos: Pos }[];
  globals: Extract<Stmt, { kind: 'var' | 'const' }>[];
  funcs: Map<string, FuncNode>;
}
