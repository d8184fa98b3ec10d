//! The Falco field catalogue: every field name Falco 0.44 accepts for the syscall source, with
//! its type and flags (`falco --list=syscall`), plus the hidden deprecated ones rules still use
//! (`evt.dir`, `evt.latency*`).

/// Value type of a field, as Falco declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Str,
    I64,
    U64,
    Bool,
    Ip,
    IpNet,
    Port,
    RelTime,
    AbsTime,
    Double,
    Bytes,
    /// `evt.rawarg.*`: the type of the named parameter.
    Dyn,
}

pub const F_ARG_REQUIRED: u32 = 1;
pub const F_ARG_ALLOWED: u32 = 1 << 1;
pub const F_ARG_INDEX: u32 = 1 << 2;
pub const F_ARG_KEY: u32 = 1 << 3;
pub const F_NO_RHS: u32 = 1 << 4;
pub const F_NO_TRANSFORMER: u32 = 1 << 5;
pub const F_FILTER_ONLY: u32 = 1 << 6;
pub const F_IS_LIST: u32 = 1 << 7;

#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub id: Fid,
    pub name: &'static str,
    pub ty: FieldType,
    /// libsinsp's exact type name (`UINT32`, `INT64`, `CHARBUF`...), which decides literal
    /// parsing and the JSON rendering of the value.
    pub sinsp_type: &'static str,
    pub flags: u32,
}

macro_rules! catalogue {
    ($($id:ident => $name:literal, $ty:ident, $st:literal, $flags:expr;)*) => {
        /// Identifies a field independently of its argument.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Fid { $($id),* }

        /// Every field, in Falco's listing order.
        pub static FIELDS: &[FieldDef] = &[
            $(FieldDef { id: Fid::$id, name: $name, ty: FieldType::$ty, sinsp_type: $st, flags: $flags }),*
        ];
    };
}

catalogue! {
    EvtNum => "evt.num", U64, "UINT64", 0;
    EvtTime => "evt.time", Str, "CHARBUF", 0;
    EvtTimeS => "evt.time.s", Str, "CHARBUF", 0;
    EvtTimeIso8601 => "evt.time.iso8601", Str, "CHARBUF", 0;
    EvtDatetime => "evt.datetime", Str, "CHARBUF", 0;
    EvtDatetimeS => "evt.datetime.s", Str, "CHARBUF", 0;
    EvtRawtime => "evt.rawtime", AbsTime, "ABSTIME", 0;
    EvtRawtimeS => "evt.rawtime.s", AbsTime, "ABSTIME", 0;
    EvtRawtimeNs => "evt.rawtime.ns", AbsTime, "ABSTIME", 0;
    EvtReltime => "evt.reltime", RelTime, "RELTIME", 0;
    EvtReltimeS => "evt.reltime.s", RelTime, "RELTIME", 0;
    EvtReltimeNs => "evt.reltime.ns", RelTime, "RELTIME", 0;
    EvtPluginname => "evt.pluginname", Str, "CHARBUF", 0;
    EvtPlugininfo => "evt.plugininfo", Str, "CHARBUF", 0;
    EvtSource => "evt.source", Str, "CHARBUF", 0;
    EvtIsAsync => "evt.is_async", Bool, "BOOL", 0;
    EvtAsynctype => "evt.asynctype", Str, "CHARBUF", 0;
    EvtHostname => "evt.hostname", Str, "CHARBUF", 0;
    EvtDeltatime => "evt.deltatime", RelTime, "RELTIME", 0;
    EvtDeltatimeS => "evt.deltatime.s", RelTime, "RELTIME", 0;
    EvtDeltatimeNs => "evt.deltatime.ns", RelTime, "RELTIME", 0;
    EvtType => "evt.type", Str, "CHARBUF", 0;
    EvtTypeIs => "evt.type.is", U64, "UINT32", F_ARG_REQUIRED;
    SyscallType => "syscall.type", Str, "CHARBUF", 0;
    EvtCategory => "evt.category", Str, "CHARBUF", 0;
    EvtCpu => "evt.cpu", I64, "INT16", 0;
    EvtArgs => "evt.args", Str, "CHARBUF", 0;
    EvtArg => "evt.arg", Str, "CHARBUF", F_ARG_REQUIRED;
    EvtRawarg => "evt.rawarg", Dyn, "DYNAMIC", F_ARG_REQUIRED|F_NO_RHS|F_NO_TRANSFORMER;
    EvtInfo => "evt.info", Str, "CHARBUF", 0;
    EvtBuffer => "evt.buffer", Bytes, "BYTEBUF", 0;
    EvtBuflen => "evt.buflen", U64, "UINT64", 0;
    EvtRes => "evt.res", Str, "CHARBUF", 0;
    EvtRawres => "evt.rawres", I64, "INT64", 0;
    EvtFailed => "evt.failed", Bool, "BOOL", 0;
    EvtIsIo => "evt.is_io", Bool, "BOOL", 0;
    EvtIsIoRead => "evt.is_io_read", Bool, "BOOL", 0;
    EvtIsIoWrite => "evt.is_io_write", Bool, "BOOL", 0;
    EvtIoDir => "evt.io_dir", Str, "CHARBUF", 0;
    EvtIsWait => "evt.is_wait", Bool, "BOOL", 0;
    EvtIsSyslog => "evt.is_syslog", Bool, "BOOL", 0;
    EvtCount => "evt.count", U64, "UINT32", 0;
    EvtCountError => "evt.count.error", U64, "UINT32", 0;
    EvtCountErrorFile => "evt.count.error.file", U64, "UINT32", 0;
    EvtCountErrorNet => "evt.count.error.net", U64, "UINT32", 0;
    EvtCountErrorMemory => "evt.count.error.memory", U64, "UINT32", 0;
    EvtCountErrorOther => "evt.count.error.other", U64, "UINT32", 0;
    EvtCountExit => "evt.count.exit", U64, "UINT32", 0;
    EvtAround => "evt.around", U64, "UINT64", F_ARG_REQUIRED|F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    EvtAbspath => "evt.abspath", Str, "CHARBUF", F_ARG_REQUIRED;
    EvtIsOpenRead => "evt.is_open_read", Bool, "BOOL", 0;
    EvtIsOpenWrite => "evt.is_open_write", Bool, "BOOL", 0;
    EvtIsOpenExec => "evt.is_open_exec", Bool, "BOOL", 0;
    EvtIsOpenCreate => "evt.is_open_create", Bool, "BOOL", 0;
    ProcExe => "proc.exe", Str, "CHARBUF", 0;
    ProcPexe => "proc.pexe", Str, "CHARBUF", 0;
    ProcAexe => "proc.aexe", Str, "CHARBUF", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcExepath => "proc.exepath", Str, "CHARBUF", 0;
    ProcPexepath => "proc.pexepath", Str, "CHARBUF", 0;
    ProcAexepath => "proc.aexepath", Str, "CHARBUF", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcName => "proc.name", Str, "CHARBUF", 0;
    ProcPname => "proc.pname", Str, "CHARBUF", 0;
    ProcAname => "proc.aname", Str, "CHARBUF", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcArgs => "proc.args", Str, "CHARBUF", F_ARG_ALLOWED;
    ProcAargs => "proc.aargs", Str, "CHARBUF", F_ARG_ALLOWED;
    ProcCmdline => "proc.cmdline", Str, "CHARBUF", 0;
    ProcPcmdline => "proc.pcmdline", Str, "CHARBUF", 0;
    ProcAcmdline => "proc.acmdline", Str, "CHARBUF", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcCmdnargs => "proc.cmdnargs", U64, "UINT64", 0;
    ProcCmdlenargs => "proc.cmdlenargs", U64, "UINT64", 0;
    ProcExeline => "proc.exeline", Str, "CHARBUF", 0;
    ProcEnv => "proc.env", Str, "CHARBUF", F_ARG_ALLOWED;
    ProcAenv => "proc.aenv", Str, "CHARBUF", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcCwd => "proc.cwd", Str, "CHARBUF", 0;
    ProcLoginshellid => "proc.loginshellid", I64, "INT64", 0;
    ProcTty => "proc.tty", U64, "UINT32", 0;
    ProcPid => "proc.pid", I64, "INT64", 0;
    ProcPpid => "proc.ppid", I64, "INT64", 0;
    ProcApid => "proc.apid", I64, "INT64", F_ARG_ALLOWED|F_NO_RHS|F_NO_TRANSFORMER;
    ProcVpid => "proc.vpid", I64, "INT64", 0;
    ProcPvpid => "proc.pvpid", I64, "INT64", 0;
    ProcSid => "proc.sid", I64, "INT64", 0;
    ProcSname => "proc.sname", Str, "CHARBUF", 0;
    ProcSidExe => "proc.sid.exe", Str, "CHARBUF", 0;
    ProcSidExepath => "proc.sid.exepath", Str, "CHARBUF", 0;
    ProcVpgid => "proc.vpgid", I64, "INT64", 0;
    ProcVpgidName => "proc.vpgid.name", Str, "CHARBUF", 0;
    ProcVpgidExe => "proc.vpgid.exe", Str, "CHARBUF", 0;
    ProcVpgidExepath => "proc.vpgid.exepath", Str, "CHARBUF", 0;
    ProcPgid => "proc.pgid", I64, "INT64", 0;
    ProcPgidName => "proc.pgid.name", Str, "CHARBUF", 0;
    ProcPgidExe => "proc.pgid.exe", Str, "CHARBUF", 0;
    ProcPgidExepath => "proc.pgid.exepath", Str, "CHARBUF", 0;
    ProcDuration => "proc.duration", RelTime, "RELTIME", 0;
    ProcPpidDuration => "proc.ppid.duration", RelTime, "RELTIME", 0;
    ProcPidTs => "proc.pid.ts", RelTime, "RELTIME", 0;
    ProcPpidTs => "proc.ppid.ts", RelTime, "RELTIME", 0;
    ProcIsExeWritable => "proc.is_exe_writable", Bool, "BOOL", 0;
    ProcIsExeUpperLayer => "proc.is_exe_upper_layer", Bool, "BOOL", 0;
    ProcIsExeLowerLayer => "proc.is_exe_lower_layer", Bool, "BOOL", 0;
    ProcIsExeFromMemfd => "proc.is_exe_from_memfd", Bool, "BOOL", 0;
    ProcIsSidLeader => "proc.is_sid_leader", Bool, "BOOL", 0;
    ProcIsVpgidLeader => "proc.is_vpgid_leader", Bool, "BOOL", 0;
    ProcIsPgidLeader => "proc.is_pgid_leader", Bool, "BOOL", 0;
    ProcExeIno => "proc.exe_ino", I64, "INT64", 0;
    ProcExeInoCtime => "proc.exe_ino.ctime", AbsTime, "ABSTIME", 0;
    ProcExeInoMtime => "proc.exe_ino.mtime", AbsTime, "ABSTIME", 0;
    ProcExeInoCtimeDurationProcStart => "proc.exe_ino.ctime_duration_proc_start", AbsTime, "ABSTIME", 0;
    ProcExeInoCtimeDurationPidnsStart => "proc.exe_ino.ctime_duration_pidns_start", AbsTime, "ABSTIME", 0;
    ProcPidnsInitStartTs => "proc.pidns_init_start_ts", U64, "UINT64", 0;
    ThreadCapPermitted => "thread.cap_permitted", Str, "CHARBUF", 0;
    ThreadCapInheritable => "thread.cap_inheritable", Str, "CHARBUF", 0;
    ThreadCapEffective => "thread.cap_effective", Str, "CHARBUF", 0;
    ProcFdopencount => "proc.fdopencount", U64, "UINT64", 0;
    ProcFdlimit => "proc.fdlimit", I64, "INT64", 0;
    ProcFdusage => "proc.fdusage", Double, "DOUBLE", 0;
    ProcVmsize => "proc.vmsize", U64, "UINT64", 0;
    ProcVmrss => "proc.vmrss", U64, "UINT64", 0;
    ProcVmswap => "proc.vmswap", U64, "UINT64", 0;
    ThreadPfmajor => "thread.pfmajor", U64, "UINT64", 0;
    ThreadPfminor => "thread.pfminor", U64, "UINT64", 0;
    ThreadTid => "thread.tid", I64, "INT64", 0;
    ThreadIsmain => "thread.ismain", Bool, "BOOL", 0;
    ThreadVtid => "thread.vtid", I64, "INT64", 0;
    ThreadExectime => "thread.exectime", RelTime, "RELTIME", 0;
    ThreadTotexectime => "thread.totexectime", RelTime, "RELTIME", 0;
    ThreadCgroups => "thread.cgroups", Str, "CHARBUF", 0;
    ThreadCgroup => "thread.cgroup", Str, "CHARBUF", F_ARG_REQUIRED;
    ProcNthreads => "proc.nthreads", U64, "UINT64", 0;
    ProcNchilds => "proc.nchilds", U64, "UINT64", 0;
    ThreadCpu => "thread.cpu", Double, "DOUBLE", 0;
    ThreadCpuUser => "thread.cpu.user", Double, "DOUBLE", 0;
    ThreadCpuSystem => "thread.cpu.system", Double, "DOUBLE", 0;
    ThreadVmsize => "thread.vmsize", U64, "UINT64", 0;
    ThreadVmrss => "thread.vmrss", U64, "UINT64", 0;
    ProcStdinType => "proc.stdin.type", Str, "CHARBUF", 0;
    ProcStdoutType => "proc.stdout.type", Str, "CHARBUF", 0;
    ProcStderrType => "proc.stderr.type", Str, "CHARBUF", 0;
    ProcStdinName => "proc.stdin.name", Str, "CHARBUF", 0;
    ProcStdoutName => "proc.stdout.name", Str, "CHARBUF", 0;
    ProcStderrName => "proc.stderr.name", Str, "CHARBUF", 0;
    UserUid => "user.uid", U64, "UINT32", 0;
    UserName => "user.name", Str, "CHARBUF", 0;
    UserHomedir => "user.homedir", Str, "CHARBUF", 0;
    UserShell => "user.shell", Str, "CHARBUF", 0;
    UserLoginuid => "user.loginuid", I64, "INT64", 0;
    UserLoginname => "user.loginname", Str, "CHARBUF", 0;
    GroupGid => "group.gid", U64, "UINT32", 0;
    GroupName => "group.name", Str, "CHARBUF", 0;
    FdNum => "fd.num", I64, "INT64", 0;
    FdType => "fd.type", Str, "CHARBUF", 0;
    FdTypechar => "fd.typechar", Str, "CHARBUF", 0;
    FdName => "fd.name", Str, "CHARBUF", 0;
    FdDirectory => "fd.directory", Str, "CHARBUF", 0;
    FdFilename => "fd.filename", Str, "CHARBUF", 0;
    FdIp => "fd.ip", Ip, "IPADDR", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdCip => "fd.cip", Ip, "IPADDR", 0;
    FdSip => "fd.sip", Ip, "IPADDR", 0;
    FdLip => "fd.lip", Ip, "IPADDR", 0;
    FdRip => "fd.rip", Ip, "IPADDR", 0;
    FdPort => "fd.port", Port, "PORT", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdCport => "fd.cport", Port, "PORT", 0;
    FdSport => "fd.sport", Port, "PORT", 0;
    FdLport => "fd.lport", Port, "PORT", 0;
    FdRport => "fd.rport", Port, "PORT", 0;
    FdL4proto => "fd.l4proto", Str, "CHARBUF", 0;
    FdSockfamily => "fd.sockfamily", Str, "CHARBUF", 0;
    FdIsServer => "fd.is_server", Bool, "BOOL", 0;
    FdUid => "fd.uid", Str, "CHARBUF", 0;
    FdContainername => "fd.containername", Str, "CHARBUF", 0;
    FdContainerdirectory => "fd.containerdirectory", Str, "CHARBUF", 0;
    FdProto => "fd.proto", Port, "PORT", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdCproto => "fd.cproto", Str, "CHARBUF", 0;
    FdSproto => "fd.sproto", Str, "CHARBUF", 0;
    FdLproto => "fd.lproto", Str, "CHARBUF", 0;
    FdRproto => "fd.rproto", Str, "CHARBUF", 0;
    FdNet => "fd.net", IpNet, "IPNET", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdCnet => "fd.cnet", IpNet, "IPNET", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdSnet => "fd.snet", IpNet, "IPNET", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdLnet => "fd.lnet", IpNet, "IPNET", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdRnet => "fd.rnet", IpNet, "IPNET", F_NO_RHS|F_NO_TRANSFORMER|F_FILTER_ONLY;
    FdConnected => "fd.connected", Bool, "BOOL", 0;
    FdNameChanged => "fd.name_changed", Bool, "BOOL", 0;
    FdCipName => "fd.cip.name", Str, "CHARBUF", F_NO_RHS|F_NO_TRANSFORMER;
    FdSipName => "fd.sip.name", Str, "CHARBUF", F_NO_RHS|F_NO_TRANSFORMER;
    FdLipName => "fd.lip.name", Str, "CHARBUF", F_NO_RHS|F_NO_TRANSFORMER;
    FdRipName => "fd.rip.name", Str, "CHARBUF", F_NO_RHS|F_NO_TRANSFORMER;
    FdDev => "fd.dev", I64, "INT32", 0;
    FdDevMajor => "fd.dev.major", I64, "INT32", 0;
    FdDevMinor => "fd.dev.minor", I64, "INT32", 0;
    FdIno => "fd.ino", I64, "INT64", 0;
    FdNameraw => "fd.nameraw", Str, "CHARBUF", 0;
    FdTypes => "fd.types", Str, "CHARBUF", F_ARG_ALLOWED|F_IS_LIST|F_NO_RHS;
    FdIsUpperLayer => "fd.is_upper_layer", Bool, "BOOL", 0;
    FdIsLowerLayer => "fd.is_lower_layer", Bool, "BOOL", 0;
    FsPathName => "fs.path.name", Str, "CHARBUF", 0;
    FsPathNameraw => "fs.path.nameraw", Str, "CHARBUF", 0;
    FsPathSource => "fs.path.source", Str, "CHARBUF", 0;
    FsPathSourceraw => "fs.path.sourceraw", Str, "CHARBUF", 0;
    FsPathTarget => "fs.path.target", Str, "CHARBUF", 0;
    FsPathTargetraw => "fs.path.targetraw", Str, "CHARBUF", 0;
    FdlistNums => "fdlist.nums", Str, "CHARBUF", 0;
    FdlistNames => "fdlist.names", Str, "CHARBUF", 0;
    FdlistCips => "fdlist.cips", Str, "CHARBUF", 0;
    FdlistSips => "fdlist.sips", Str, "CHARBUF", 0;
    FdlistCports => "fdlist.cports", Str, "CHARBUF", 0;
    FdlistSports => "fdlist.sports", Str, "CHARBUF", 0;
    ContainerId => "container.id", Str, "CHARBUF", 0;
    ContainerFullId => "container.full_id", Str, "CHARBUF", 0;
    ContainerName => "container.name", Str, "CHARBUF", 0;
    ContainerImage => "container.image", Str, "CHARBUF", 0;
    ContainerImageId => "container.image.id", Str, "CHARBUF", 0;
    ContainerType => "container.type", Str, "CHARBUF", 0;
    ContainerPrivileged => "container.privileged", Bool, "BOOL", 0;
    ContainerMounts => "container.mounts", Str, "CHARBUF", 0;
    ContainerMount => "container.mount", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerMountSource => "container.mount.source", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerMountDest => "container.mount.dest", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerMountMode => "container.mount.mode", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerMountRdwr => "container.mount.rdwr", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerMountPropagation => "container.mount.propagation", Str, "CHARBUF", F_ARG_INDEX|F_ARG_KEY|F_ARG_REQUIRED;
    ContainerImageRepository => "container.image.repository", Str, "CHARBUF", 0;
    ContainerImageTag => "container.image.tag", Str, "CHARBUF", 0;
    ContainerImageDigest => "container.image.digest", Str, "CHARBUF", 0;
    ContainerHealthcheck => "container.healthcheck", Str, "CHARBUF", 0;
    ContainerLivenessProbe => "container.liveness_probe", Str, "CHARBUF", 0;
    ContainerReadinessProbe => "container.readiness_probe", Str, "CHARBUF", 0;
    ContainerStartTs => "container.start_ts", AbsTime, "ABSTIME", 0;
    ContainerDuration => "container.duration", RelTime, "RELTIME", 0;
    ContainerIp => "container.ip", Str, "CHARBUF", 0;
    ContainerCniJson => "container.cni.json", Str, "CHARBUF", 0;
    ContainerHostPid => "container.host_pid", Bool, "BOOL", 0;
    ContainerHostNetwork => "container.host_network", Bool, "BOOL", 0;
    ContainerHostIpc => "container.host_ipc", Bool, "BOOL", 0;
    ContainerLabel => "container.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    ContainerLabels => "container.labels", Str, "CHARBUF", 0;
    ProcIsContainerHealthcheck => "proc.is_container_healthcheck", Bool, "BOOL", 0;
    ProcIsContainerLivenessProbe => "proc.is_container_liveness_probe", Bool, "BOOL", 0;
    ProcIsContainerReadinessProbe => "proc.is_container_readiness_probe", Bool, "BOOL", 0;
    K8sPodName => "k8s.pod.name", Str, "CHARBUF", 0;
    K8sNsName => "k8s.ns.name", Str, "CHARBUF", 0;
    K8sPodId => "k8s.pod.id", Str, "CHARBUF", 0;
    K8sPodUid => "k8s.pod.uid", Str, "CHARBUF", 0;
    K8sPodSandboxId => "k8s.pod.sandbox_id", Str, "CHARBUF", 0;
    K8sPodFullSandboxId => "k8s.pod.full_sandbox_id", Str, "CHARBUF", 0;
    K8sPodLabel => "k8s.pod.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sPodLabels => "k8s.pod.labels", Str, "CHARBUF", 0;
    K8sPodIp => "k8s.pod.ip", Str, "CHARBUF", 0;
    K8sPodCniJson => "k8s.pod.cni.json", Str, "CHARBUF", 0;
    K8sRcName => "k8s.rc.name", Str, "CHARBUF", 0;
    K8sRcId => "k8s.rc.id", Str, "CHARBUF", 0;
    K8sRcLabel => "k8s.rc.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sRcLabels => "k8s.rc.labels", Str, "CHARBUF", 0;
    K8sSvcName => "k8s.svc.name", Str, "CHARBUF", 0;
    K8sSvcId => "k8s.svc.id", Str, "CHARBUF", 0;
    K8sSvcLabel => "k8s.svc.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sSvcLabels => "k8s.svc.labels", Str, "CHARBUF", 0;
    K8sNsId => "k8s.ns.id", Str, "CHARBUF", 0;
    K8sNsLabel => "k8s.ns.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sNsLabels => "k8s.ns.labels", Str, "CHARBUF", 0;
    K8sRsName => "k8s.rs.name", Str, "CHARBUF", 0;
    K8sRsId => "k8s.rs.id", Str, "CHARBUF", 0;
    K8sRsLabel => "k8s.rs.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sRsLabels => "k8s.rs.labels", Str, "CHARBUF", 0;
    K8sDeploymentName => "k8s.deployment.name", Str, "CHARBUF", 0;
    K8sDeploymentId => "k8s.deployment.id", Str, "CHARBUF", 0;
    K8sDeploymentLabel => "k8s.deployment.label", Str, "CHARBUF", F_ARG_KEY|F_ARG_REQUIRED;
    K8sDeploymentLabels => "k8s.deployment.labels", Str, "CHARBUF", 0;
    EvtDir => "evt.dir", Str, "CHARBUF", 0;
    EvtLatency => "evt.latency", RelTime, "RELTIME", 0;
    EvtLatencyS => "evt.latency.s", RelTime, "RELTIME", 0;
    EvtLatencyNs => "evt.latency.ns", RelTime, "RELTIME", 0;
    EvtLatencyHuman => "evt.latency.human", Str, "CHARBUF", 0;
    EvtWaitLatency => "evt.wait_latency", RelTime, "RELTIME", 0;
    EvtOutputtime => "evt.outputtime", Str, "CHARBUF", 0;
}

impl Fid {
    pub fn def(self) -> &'static FieldDef {
        &FIELDS[self as usize]
    }
}

/// Looks a field up by its exact name (without argument).
pub fn by_name(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.name == name)
}
