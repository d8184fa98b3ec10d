-- Chisel for tests/filter_diff.rs: prints "TAG EVTNUM" for every event matching FILTER.
-- One sysdig run hosts one instance per filter, so hundreds of filters cost a single pass.
description = "Prints a tag and the number of every event matching a filter."
short_description = "tagged filter matches"
category = "misc"
args = {
	{ name = "tag", description = "label printed before each event number", argtype = "string" },
	{ name = "filter", description = "the condition, between backquotes", argtype = "string" },
}

local tag
local condition

function on_set_arg(name, val)
	if name == "tag" then
		tag = val
	else
		condition = val
	end
	return true
end

function on_init()
	chisel.set_filter(condition)
	chisel.set_event_formatter(tag .. " %evt.num")
	return true
end
