package main

import (
	"fmt"
	"sync"
)

func main() {
	scores := map[string]int{"ada": 3, "grace": 5}
	var mu sync.RWMutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		scores["linus"] = 4
		mu.Unlock()
	}()
	total := 0
	for _, s := range scores {
		total += s
	}
	wg.Wait()
	fmt.Println("total:", total)
	fmt.Println("players:", len(scores))
}
